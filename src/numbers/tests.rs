use super::*;

fn read(text: &str) -> Vec<(String, String, Kind)> {
    read_numbers(text).map(|n| (n.text(text).to_string(), plain(n.value), n.kind)).collect()
}

#[test]
fn smoke() {
    let text = "收入為人民幣1.89 億元，增長186%，INT8 算力 256 TOPS，2024年1-9月";
    for n in read_numbers(text) {
        eprintln!("{:?} {} {} {:?} {:?}", n.text(text), n.value, n.half_unit, n.kind, n.currency);
    }
    let _ = read(text);
}
