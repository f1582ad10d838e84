//! A deterministic corpus of mixed English and Chinese filing text (prose
//! and Markdown tables) with claims files over it: claims use every function,
//! several qualifiers, and get every verdict (ok, mismatch, undecided,
//! not-found, error), including quotes that are not in their source.

use std::fmt::Write as _;
use std::path::Path;

pub use super::lcg::Lcg;

const PROSE: &[&str] = &[
    "Management believes the company is well positioned to benefit from continued investment in data-center infrastructure. ",
    "Demand from cloud customers remained healthy in 2024, while the consumer business faced softer conditions in 3 regions. ",
    "Operating expenses were $1,{a} million in Q{d} FY2024, compared with ${a}.{b} billion in the prior year. ",
    "本集團一直致力於自主研發，並以統一的架構支持訓練與推理，客戶涵蓋互聯網、金融及醫療等行業。",
    "截至2024年12月31日止年度，本集團研發開支為人民幣{a}.{b}百萬元，佔收入的{p}.{b}%。",
    "公司2025年1-9月营业收入约{a}.{b}亿元，毛利率上升{d}.{b}个百分点，研发人员{a}多名。",
    "| Data Center | {a}.{b} | {a}.{d} | ({b}.{p}) | {p}.{d}% |\n",
];

fn fill(template: &str, rng: &mut Lcg) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let value = match &rest[i + 1..i + 2] {
            "a" => (100 + rng.below(900)).to_string(),
            "b" => rng.below(10).to_string(),
            "p" => (10 + rng.below(80)).to_string(),
            _ => (1 + rng.below(4)).to_string(),
        };
        out.push_str(&value);
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// One group of figures planted in a source, quoted by the claims.
pub struct Group {
    /// Revenue of three years, in tenths of a million.
    pub rev: [u64; 3],
    /// Margins of three years, in tenths of a percent.
    pub margin: [u64; 3],
    /// The unique label of the group.
    pub label: String,
    /// Written in Chinese.
    pub chinese: bool,
}

impl Group {
    fn sentence(&self) -> String {
        let m = |v: u64| format!("{}.{}", v / 10, v % 10);
        let [r0, r1, r2] = self.rev.map(m);
        let [g0, g1, g2] = self.margin.map(m);
        if self.chinese {
            format!(
                "分部{}的收入分別為人民幣{r0}百萬元、人民幣{r1}百萬元及人民幣{r2}百萬元，毛利率分別為{g0}%、{g1}%及{g2}%。\n\n",
                self.label
            )
        } else {
            format!(
                "Segment {} revenue was RMB{r0} million, RMB{r1} million and RMB{r2} million, and its gross margin was {g0}%, {g1}% and {g2}%.\n\n",
                self.label
            )
        }
    }

    fn rev_quote(&self) -> String {
        let m = |v: u64| format!("{}.{}", v / 10, v % 10);
        let [r0, r1, r2] = self.rev.map(m);
        if self.chinese {
            format!(
                "分部{}的收入分別為{{人民幣{r0}百萬元}}、{{人民幣{r1}百萬元}}及{{人民幣{r2}百萬元}}",
                self.label
            )
        } else {
            format!(
                "Segment {} revenue was {{RMB{r0} million}}, {{RMB{r1} million}} and {{RMB{r2} million}}",
                self.label
            )
        }
    }

    fn margin_quote(&self) -> String {
        let m = |v: u64| format!("{}.{}", v / 10, v % 10);
        let [g0, g1, g2] = self.margin.map(m);
        if self.chinese {
            format!("毛利率分別為{{{g0}%}}、{{{g1}%}}及{{{g2}%}}")
        } else {
            format!("its gross margin was {{{g0}%}}, {{{g1}%}} and {{{g2}%}}")
        }
    }
}

/// A source of about `bytes` bytes with `groups` planted groups; returns
/// the text and the groups.
pub fn source(rng: &mut Lcg, name: &str, bytes: usize, groups: usize) -> (String, Vec<Group>) {
    let mut text = String::with_capacity(bytes + 4096);
    let mut planted = Vec::new();
    let filler_per_group = bytes / groups.max(1);
    for g in 0..groups {
        let group = Group {
            rev: [
                1000 + rng.below(9000),
                1000 + rng.below(9000),
                1000 + rng.below(9000),
            ],
            margin: [
                100 + rng.below(800),
                100 + rng.below(800),
                100 + rng.below(800),
            ],
            label: format!("{name}-{g}"),
            chinese: g % 2 == 1,
        };
        text.push_str(&group.sentence());
        let stop = text.len() + filler_per_group;
        while text.len() < stop {
            let t = PROSE[rng.below(PROSE.len() as u64) as usize];
            text.push_str(&fill(t, rng));
            if rng.below(4) == 0 {
                text.push_str("\n\n");
            }
        }
        planted.push(group);
    }
    (text, planted)
}

fn tenths(v: f64) -> String {
    format!("{:.1}", v)
}

/// The facts and claims for one group: every function, several qualifiers,
/// and every verdict. `k` numbers the group in its claims file.
fn group_claims(g: &Group, k: usize, facts: &mut Vec<String>, claims: &mut Vec<String>) {
    let rev: Vec<f64> = g.rev.iter().map(|&v| v as f64 / 10.0).collect();
    let gm: Vec<f64> = g.margin.iter().map(|&v| v as f64 / 10.0).collect();
    facts.push(format!(
        "\"r{k}\": {{ \"quote\": {} }}",
        json(&g.rev_quote())
    ));
    facts.push(format!(
        "\"m{k}\": {{ \"quote\": {} }}",
        json(&g.margin_quote())
    ));
    facts.push(format!("\"t{k}\": {{ \"expr\": \"sum(r{k})\" }}"));
    let growth = (rev[1] / rev[0] - 1.0) * 100.0;
    let total: f64 = rev.iter().sum();
    let share = rev[0] / total * 100.0;
    let cagr = ((rev[2] / rev[0]).sqrt() - 1.0) * 100.0;
    let pp = gm[2] - gm[0];
    let mean = gm.iter().sum::<f64>() / 3.0;
    let id = |s: &str| format!("g{k}-{s}");
    let mut c = |id: String, says: String, check: &str| {
        claims.push(format!(
            "{{ \"id\": {}, \"says\": {}, \"check\": {} }}",
            json(&id),
            json(&says),
            json(check)
        ));
    };
    c(
        id("growth"),
        format!("grew {{{}%}}", tenths(growth)),
        &format!("growth(r{k}[0], r{k}[1])"),
    );
    c(
        id("growth-wrong"),
        format!("grew {{{}%}}", tenths(growth + 40.0)),
        &format!("growth(r{k}[0], r{k}[1])"),
    );
    c(
        id("sum"),
        format!("about {{RMB{} million}}", tenths(total)),
        &format!("t{k}"),
    );
    c(
        id("share"),
        format!("nearly {{{}%}}", tenths(share + 0.5)),
        &format!("share(r{k}[0], t{k})"),
    );
    c(
        id("cagr"),
        format!("{{{}%}} a year", tenths(cagr)),
        &format!("cagr(r{k}[0], r{k}[2], 2)"),
    );
    c(
        id("pp"),
        format!("{{{}pp}}", tenths(pp)),
        &format!("pp(m{k}[0], m{k}[2])"),
    );
    c(
        id("mean"),
        format!("over {{{}%}}", tenths(mean - 1.0)),
        &format!("mean(m{k})"),
    );
    c(
        id("trend"),
        "rose every year".into(),
        &format!("increasing(r{k}) or decreasing(r{k}) or nondecreasing(m{k})"),
    );
    c(
        id("floor"),
        "always above 5%".into(),
        &format!("all(m{k} > 5%) and any(m{k} >= 10%)"),
    );
    c(
        id("undecided"),
        "above the first margin".into(),
        &format!(
            "min(m{k}) >= {}%",
            tenths(gm.iter().cloned().fold(f64::MAX, f64::min))
        ),
    );
    c(
        id("extremes"),
        format!(
            "at most {{RMB{} million}}",
            tenths(rev.iter().cloned().fold(0.0, f64::max))
        ),
        &format!("max(r{k}) + 0 * count(r{k}) + 0 * abs(diff(r{k}[0], r{k}[1]))"),
    );
    c(
        id("round"),
        format!("{{{}%}}", tenths(gm[1])),
        &format!("round(m{k}[1], 1)"),
    );
    c(
        id("error"),
        "{5%}".into(),
        &format!("growth(revenue{k}[0], r{k}[1])"),
    );
    facts.push(format!(
        "\"x{k}\": {{ \"quote\": {} }}",
        json(
            &g.rev_quote()
                .replace("revenue was", "sales were")
                .replace("的收入", "的銷售")
        )
    ));
    c(
        id("not-found"),
        format!("{{RMB{} million}}", tenths(rev[0])),
        &format!("x{k}[0]"),
    );
    claims.push(format!(
        "{{ \"id\": {}, \"says\": \"{{RMB{} million}}\", \"appears_in\": \"filing\" }}",
        json(&id("appears")),
        tenths(rev[2])
    ));
}

/// Claims per group.
pub const CLAIMS_PER_GROUP: usize = 15;

/// A claims file over `source` with about `count` claims on `groups`.
pub fn claims_file(source: &str, groups: &[Group], count: usize) -> String {
    let mut facts = Vec::new();
    let mut claims = Vec::new();
    let mut k = 0;
    while claims.len() < count {
        group_claims(&groups[k % groups.len()], k, &mut facts, &mut claims);
        k += 1;
    }
    claims.truncate(count);
    let mut out = String::new();
    write!(
        out,
        "{{\n  \"sources\": {{ \"filing\": {} }},\n  \"facts\": {{\n    {}\n  }},\n  \"claims\": [\n    {}\n  ]\n}}\n",
        json(source),
        facts.join(",\n    "),
        claims.join(",\n    ")
    )
    .unwrap();
    out
}

fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `files` sources of `total` bytes together, each with a claims file,
/// `claims` claims in all, under `dir`; returns the bytes of sources written.
pub fn write_corpus(dir: &Path, files: usize, total: usize, claims: usize) -> usize {
    if dir.join("done").is_file() {
        return std::fs::read_to_string(dir.join("done"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::create_dir_all(dir.join("claims")).unwrap();
    let mut rng = Lcg(2026);
    let mut written = 0;
    for f in 0..files {
        let name = format!("s{f:03}");
        let per_file_claims = claims / files + usize::from(f < claims % files);
        let groups = per_file_claims.div_ceil(CLAIMS_PER_GROUP).max(1);
        let (text, planted) = source(&mut rng, &name, total / files, groups);
        written += text.len();
        std::fs::write(dir.join("sources").join(format!("{name}.md")), &text).unwrap();
        let claims = claims_file(&format!("../sources/{name}.md"), &planted, per_file_claims);
        std::fs::write(dir.join("claims").join(format!("{name}.json")), claims).unwrap();
    }
    std::fs::write(dir.join("done"), written.to_string()).unwrap();
    written
}
