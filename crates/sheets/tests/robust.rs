//! Damaged files never panic: the example's files with bytes changed, cut short or with stray
//! quotes and separators, imported many times. Every problem says where and what.

mod common;

use common::{fixtures, import_files, read_dir};

/// SplitMix64, so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn example() -> Vec<(String, Vec<u8>)> {
    read_dir(&fixtures().join("example"))
}

fn damage(rng: &mut Rng, bytes: &mut Vec<u8>) {
    const STRAY: &[u8] = b"\",;\n\r\t\xff\xfe-0aZ#";
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if !bytes.is_empty() => {
                let last = bytes.len() - 1;
                bytes[at.min(last)] = STRAY[rng.below(STRAY.len())];
            }
            1 => bytes.insert(at, STRAY[rng.below(STRAY.len())]),
            2 => bytes.truncate(at),
            _ => {
                let from = rng.below(bytes.len() + 1);
                let piece: Vec<u8> = bytes[from..(from + 20).min(bytes.len())].to_vec();
                bytes.splice(at..at, piece);
            }
        }
    }
}

#[test]
fn damaged_files_never_panic_and_problems_say_where() {
    let clean = example();
    for seed in 0..400u64 {
        let mut rng = Rng(seed);
        let mut files = clean.clone();
        let k = rng.below(files.len());
        damage(&mut rng, &mut files[k].1);
        let imported = import_files(&files);
        for p in &imported.problems {
            assert!(
                !p.file.is_empty() && !p.message.is_empty(),
                "seed {seed}: {p:?}"
            );
        }
    }
}
