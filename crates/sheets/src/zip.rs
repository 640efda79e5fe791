//! The CSV files as one `.zip` download: browsers ask before letting a page download several
//! files at once, one archive needs no such question. Files are stored, not compressed (the
//! archive stays small code; the files are small), which every unzip tool reads.

/// CRC-32 (IEEE), as the zip format requires for each file.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The fields that a local header and a central directory entry share.
fn common(out: &mut Vec<u8>, name: &str, crc: u32, size: u32) {
    u16le(out, 20); // version needed: 2.0
    u16le(out, 0x0800); // flags: names are UTF-8
    u16le(out, 0); // stored
    u16le(out, 0); // time
    u16le(out, 0x21); // date: 1980-01-01
    u32le(out, crc);
    u32le(out, size);
    u32le(out, size);
    u16le(out, name.len() as u16);
    u16le(out, 0); // no extra field
}

/// A zip archive of `(name, text)` files; None if it would exceed the classic format's limits
/// (4 GB, 65,535 files), which a dataset never reaches.
pub fn archive(files: &[(String, String)]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, text) in files {
        let bytes = text.as_bytes();
        let (size, offset) = (
            u32::try_from(bytes.len()).ok()?,
            u32::try_from(out.len()).ok()?,
        );
        u16::try_from(name.len()).ok()?;
        let crc = crc32(bytes);
        u32le(&mut out, 0x0403_4b50);
        common(&mut out, name, crc, size);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(bytes);
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20); // made by: 2.0
        common(&mut central, name, crc, size);
        u16le(&mut central, 0); // no comment
        u16le(&mut central, 0); // disk 0
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let count = u16::try_from(files.len()).ok()?;
    let (dir_size, dir_offset) = (
        u32::try_from(central.len()).ok()?,
        u32::try_from(out.len()).ok()?,
    );
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, dir_size);
    u32le(&mut out, dir_offset);
    u16le(&mut out, 0);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn archive_lists_each_file_with_its_bytes() {
        let files = vec![("a.csv".to_string(), "x,y\n1,2\n".to_string())];
        let zip = archive(&files).unwrap_or_default();
        assert_eq!(&zip[..4], b"PK\x03\x04");
        assert!(zip.windows(5).any(|w| w == b"a.csv"));
        assert!(zip.windows(8).any(|w| w == b"x,y\n1,2\n"));
        assert_eq!(&zip[zip.len() - 22..zip.len() - 18], b"PK\x05\x06");
    }
}
