//! Not read yet: a later commit adds this reader.
use super::{Built, Limits};
pub(crate) fn read(
    _n: &str,
    _b: &[u8],
    _f: Option<&'static encoding_rs::Encoding>,
    _l: &Limits,
) -> Result<Built, String> {
    Err("this format is not read yet".into())
}
