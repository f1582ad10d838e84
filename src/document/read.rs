//! Reading a file's bytes safely: only regular files (never a device, a
//! FIFO or a socket, which could block forever or never end), and never
//! more than a cap, so no input makes a run hold more than it asked for.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a file's bytes could not be read.
#[derive(Debug)]
pub enum ReadFailure {
    /// The operating system refused (no such file, permission denied…).
    Io(io::Error),
    /// The path is a folder.
    Directory,
    /// The path is a device, FIFO or socket.
    NotRegular(&'static str),
    /// The file is larger than the cap.
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
    /// The file cannot be read as its format (a broken or encrypted PDF,
    /// a zip that is not a Word document…); it is never read as text instead.
    Format {
        /// The format's name (`PDF`, `Word (.docx)`…).
        format: &'static str,
        /// What is wrong, in plain words.
        reason: String,
    },
    /// `--encoding` names no encoding known to the WHATWG Encoding Standard.
    UnknownEncoding(String),
}

impl fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadFailure::Io(e) => f.write_str(&io_reason(e)),
            ReadFailure::Directory => f.write_str("it is a directory"),
            ReadFailure::NotRegular(what) => {
                write!(
                    f,
                    "it is {what}, not a regular file; only regular files are read"
                )
            }
            ReadFailure::TooLarge { limit } => {
                write!(f, "it is larger than the limit of {}", human_bytes(*limit))
            }
            ReadFailure::Format { format, reason } => {
                write!(f, "it cannot be read as a {format} file: {reason}")
            }
            ReadFailure::UnknownEncoding(label) => {
                write!(
                    f,
                    "`{label}` is not an encoding label (try utf-8, gbk, big5, utf-16le)"
                )
            }
        }
    }
}

impl std::error::Error for ReadFailure {}

/// The operating system's reason in plain words.
pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => e.to_string(),
    }
}

/// `2 GiB`, `256 MiB`, `1500 bytes`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if n >= size && n.is_multiple_of(size) {
            return format!("{} {unit}", n / size);
        }
    }
    format!("{n} bytes")
}

/// What kind of file a non-regular file is, for messages.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Checks that `path` (symbolic links followed) is a regular file.
pub fn check_regular(path: &Path) -> Result<std::fs::Metadata, ReadFailure> {
    let meta = std::fs::metadata(path).map_err(ReadFailure::Io)?;
    if meta.is_dir() {
        return Err(ReadFailure::Directory);
    }
    if !meta.is_file() {
        return Err(ReadFailure::NotRegular(kind_of(&meta)));
    }
    Ok(meta)
}

/// Reads the whole regular file at `path`, refusing one over `limit` bytes.
/// The type is checked before the file is opened (opening a FIFO blocks)
/// and the size is enforced while reading (a file may grow meanwhile).
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    let meta = check_regular(path)?;
    if meta.len() > limit {
        return Err(ReadFailure::TooLarge { limit });
    }
    let file = File::open(path).map_err(ReadFailure::Io)?;
    let opened = file.metadata().map_err(ReadFailure::Io)?;
    if !opened.is_file() {
        return Err(ReadFailure::NotRegular(kind_of(&opened)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadFailure::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_bytes(2 << 30), "2 GiB");
        assert_eq!(human_bytes(256 << 20), "256 MiB");
        assert_eq!(human_bytes(1500), "1500 bytes");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        let e = read_capped(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is a device, not a regular file; only regular files are read"
        );
    }

    #[test]
    fn the_cap_is_enforced() {
        let dir = std::env::temp_dir().join(format!("cc-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.txt");
        std::fs::write(&path, vec![b'1'; 2000]).unwrap();
        assert!(matches!(
            read_capped(&path, 1000),
            Err(ReadFailure::TooLarge { limit: 1000 })
        ));
        assert_eq!(read_capped(&path, 2000).unwrap().len(), 2000);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
