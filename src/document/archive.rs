//! Zip archives (Word and Excel files) read under a bound: every entry is
//! unpacked once through a counter before anything else reads it, so an
//! archive whose entries unpack to more than [`Limits::unpacked`] (a zip
//! bomb, whose declared sizes may lie) is refused before it costs memory.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::Limits;

/// The most entries an Office file may have.
const MAX_ENTRIES: usize = 100_000;

/// An archive in memory.
pub(crate) type Archive<'b> = ZipArchive<Cursor<&'b [u8]>>;

/// Opens the archive in `bytes` after checking what it unpacks to.
pub(crate) fn open<'b>(bytes: &'b [u8], limits: &Limits) -> Result<Archive<'b>, String> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("it is not a valid zip archive ({e})"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "it holds {} files, more than {MAX_ENTRIES}",
            zip.len()
        ));
    }
    let mut left = limits.unpacked;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| format!("an entry cannot be read ({e})"))?;
        if entry.encrypted() {
            return Err("it is encrypted (password-protected)".to_string());
        }
        let read = std::io::copy(&mut (&mut entry).take(left + 1), &mut std::io::sink())
            .map_err(|e| format!("an entry cannot be unpacked ({e})"))?;
        left = left.checked_sub(read).ok_or_else(|| too_big(limits))?;
    }
    Ok(zip)
}

fn too_big(limits: &Limits) -> String {
    format!(
        "it unpacks to more than {}, too much for its size (a zip bomb?)",
        super::human_bytes(limits.unpacked)
    )
}

/// The contents of entry `name`, or `None` when the archive has none.
pub(crate) fn entry(zip: &mut Archive<'_>, name: &str) -> Result<Option<Vec<u8>>, String> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("`{name}` cannot be read ({e})")),
    };
    let mut out = Vec::new();
    file.read_to_end(&mut out)
        .map_err(|e| format!("`{name}` cannot be unpacked ({e})"))?;
    Ok(Some(out))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A zip archive of `files` (name, contents), deflated.
    pub(crate) fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, data) in files {
                w.start_file(*name, opts).unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_read() {
        let zeros = vec![0u8; 8 << 20];
        let bomb = zip_of(&[("word/document.xml", &zeros)]);
        assert!(bomb.len() < 64 << 10, "deflate packs zeros tightly");
        let limits = Limits {
            unpacked: 1 << 20,
            text: 1 << 20,
            operations: 1 << 20,
        };
        let Err(e) = open(&bomb, &limits) else {
            panic!("the bomb was accepted")
        };
        assert!(e.contains("zip bomb"), "{e}");
        let ok = zip_of(&[("a.xml", b"<a/>")]);
        let mut zip = open(&ok, &limits).unwrap();
        assert_eq!(entry(&mut zip, "a.xml").unwrap().unwrap(), b"<a/>");
        assert!(entry(&mut zip, "b.xml").unwrap().is_none());
    }
}
