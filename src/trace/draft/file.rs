//! Writing the claims file `init` makes, and checking it the way `check`
//! will: a claim that would not come out `ok` loses the part that fails, so
//! what `init` writes never reports a run error and never a false mismatch.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::{Derived, Drafted, Fact, Support};
use crate::claims::parse_claims;
use crate::diagnostic::Verdict;
use crate::facts::Resolver;
use crate::outcome::Files;
use crate::sources::{NamedSources, QuoteIndex, Source};
use crate::trace::Pool;
use crate::trace::quotes::Quoter;
use crate::trace::rank::Ranked;
use crate::trace::target::Target;
use crate::verdict::Judge;

/// Fact names of the file being written, one per source number
/// (`v540_1` for `人民幣540.1百萬元`).
#[derive(Default)]
pub(crate) struct Names {
    by_leaf: HashMap<u32, String>,
    taken: HashSet<String>,
    /// The leaves of each derivation offered, to confirm their quotes.
    offered: Vec<(usize, Vec<u32>)>,
}

impl Names {
    fn name(&mut self, pool: &Pool, leaf: u32) -> String {
        if let Some(n) = self.by_leaf.get(&leaf) {
            return n.clone();
        }
        let number = &pool.leaves[leaf as usize].number;
        let src = pool.sources[pool.leaves[leaf as usize].source]
            .source
            .text();
        let written: String = crate::quote::fold(&src[number.digits.clone()])
            .text
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let text = if written.is_empty() {
            number.value.abs().normalize().to_string()
        } else {
            written
        };
        let sign = if number.value.is_sign_negative() {
            "m"
        } else {
            ""
        };
        let base = format!("v{sign}{}", text.replace('.', "_"));
        let mut name = base.clone();
        for k in 2.. {
            if !self.taken.contains(&name) {
                break;
            }
            name = format!("{base}_{k}");
        }
        self.taken.insert(name.clone());
        self.by_leaf.insert(leaf, name.clone());
        name
    }

    /// The ranked derivation as a figure's check, when every input has a
    /// unique quote.
    pub(crate) fn derived(
        &mut self,
        pool: &Pool,
        target: &Target,
        r: &Ranked,
        quoter: &mut Quoter,
    ) -> Option<Derived> {
        let d = &r.found.derivation;
        let inputs = d.inputs(pool);
        let quotes: Option<Vec<_>> = inputs.iter().map(|&i| quoter.quote(i)).collect();
        let quotes = quotes?;
        let facts = inputs
            .iter()
            .zip(quotes)
            .map(|(&i, quote)| Fact {
                name: self.name(pool, i),
                source: pool.source_name(i as usize).to_string(),
                quote,
            })
            .collect();
        let names = &self.by_leaf;
        let expr = d.expr(pool, &|i| names[&i].clone(), target.percent());
        self.offered.push((self.offered.len(), inputs));
        Some(Derived {
            expr,
            facts,
            score: r.score,
            note: crate::trace::note(pool, d),
        })
    }

    /// Drops every check with a quote the quote finder does not confirm.
    pub(crate) fn confirm(&self, quoter: &Quoter, supports: &mut [Support]) {
        let mut checks: Vec<&mut Option<Derived>> = supports
            .iter_mut()
            .map(|s| &mut s.check)
            .filter(|c| c.is_some())
            .collect();
        let pairs: Vec<(u32, Quote)> = self
            .offered
            .iter()
            .zip(checks.iter())
            .flat_map(|((_, leaves), c)| {
                let facts = &c.as_ref().expect("kept").facts;
                leaves
                    .iter()
                    .copied()
                    .zip(facts.iter().map(|f| f.quote.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let refs: Vec<(u32, &Quote)> = pairs.iter().map(|(i, q)| (*i, q)).collect();
        let mut ok = quoter.confirm(&refs).into_iter();
        for c in checks.iter_mut() {
            let n = c.as_ref().map_or(0, |d| d.facts.len());
            let confirmed: Vec<bool> = (0..n).map(|_| ok.next().unwrap_or(false)).collect();
            if !confirmed.into_iter().all(|b| b) {
                **c = None;
            }
        }
    }
}

use crate::trace::Quote;

/// A claims file as written, with what it holds.
#[derive(Clone, Debug)]
pub struct Written {
    /// The JSON text.
    pub text: String,
    /// Claims with a traced `check`.
    pub checks: usize,
    /// Claims with `appears_in`.
    pub appears: usize,
    /// Claims left `"check": "TODO"`.
    pub todo: usize,
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The claims file for `drafted`: `draft` names the draft among `paths`
/// (name → path, relative to the file's folder, draft last).
pub fn write_claims(drafted: &Drafted, draft: &str, paths: &[(String, String)]) -> Written {
    let mut out = String::from("{\n  \"sources\": {\n");
    let sources: Vec<String> = paths
        .iter()
        .map(|(n, p)| format!("    {}: {}", json(n), json(p)))
        .collect();
    out.push_str(&sources.join(",\n"));
    out.push_str(&format!(
        "\n  }},\n  \"draft\": {},\n  \"facts\": {{\n",
        json(draft)
    ));
    let mut seen = HashSet::new();
    let facts: Vec<String> = drafted
        .supports
        .iter()
        .filter_map(|s| s.check.as_ref())
        .flat_map(|d| d.facts.iter())
        .filter(|f| seen.insert(f.name.clone()))
        .map(|f| {
            format!(
                "    {}: {{ \"in\": {}, \"quote\": {} }}",
                json(&f.name),
                json(&f.source),
                json(&f.quote.text)
            )
        })
        .collect();
    out.push_str(&facts.join(",\n"));
    out.push_str("\n  },\n  \"claims\": [\n");
    let mut written = Written {
        text: String::new(),
        checks: 0,
        appears: 0,
        todo: 0,
    };
    let claims: Vec<String> = drafted
        .figures
        .iter()
        .zip(&drafted.supports)
        .map(|(f, s)| claim(&f.id, &f.says, s, &mut written))
        .collect();
    out.push_str(&claims.join(",\n"));
    out.push_str("\n  ]\n}\n");
    written.text = out;
    written
}

fn claim(id: &str, says: &str, s: &Support, written: &mut Written) -> String {
    let mut parts = vec![
        format!("\"id\": {}", json(id)),
        format!("\"says\": {}", json(says)),
    ];
    match &s.check {
        Some(d) => {
            written.checks += 1;
            parts.push(format!("\"check\": {}", json(&d.expr)));
        }
        None if s.appears.is_none() => {
            written.todo += 1;
            parts.push("\"check\": \"TODO\"".to_string());
        }
        None => {}
    }
    if let Some(a) = &s.appears {
        written.appears += 1;
        parts.push(format!("\"appears_in\": {}", json(&a.source)));
    }
    format!("    {{ {} }}", parts.join(", "))
}

/// The verdict of every claim of a claims file `text`, judged as `check`
/// judges it over sources already read (`None` when the file does not load).
pub fn verdicts(text: &str, sources: &[(String, Arc<Source>)]) -> Option<Vec<Verdict>> {
    let file = parse_claims("init.json", text.to_string(), Path::new(".")).ok()?;
    let mut files = Files::default();
    let id = files.add(Arc::clone(&file.doc));
    let named: NamedSources = sources
        .iter()
        .map(|(n, s)| (n.clone(), Arc::clone(s)))
        .collect();
    let mut requests = Resolver::quote_requests(&file);
    requests.extend(Judge::says_requests(&file));
    let requests = requests
        .into_iter()
        .filter_map(|(name, text)| Some((Arc::clone(named.get(&name)?), text)))
        .collect();
    let quotes = QuoteIndex::build(requests);
    let mut judge = Judge::new(&file, id, &named, &quotes);
    Some(
        file.claims
            .iter()
            .map(|c| judge.judge(c).verdict())
            .collect(),
    )
}

/// Drops what would not be `ok`: first a failing check (keeping
/// `appears_in`), then a failing `appears_in`. `sources` holds the draft
/// too. Gives the file and each claim's verdict (`None` when it does not load).
pub fn settle(
    drafted: &mut Drafted,
    draft: &str,
    paths: &[(String, String)],
    sources: &[(String, Arc<Source>)],
) -> Option<(Written, Vec<Verdict>)> {
    loop {
        let written = write_claims(drafted, draft, paths);
        let verdicts = verdicts(&written.text, sources)?;
        let mut changed = false;
        for (s, v) in drafted.supports.iter_mut().zip(&verdicts) {
            if *v == Verdict::Ok || (s.check.is_none() && s.appears.is_none()) {
                continue;
            }
            if s.check.take().is_none() {
                s.appears = None;
            }
            changed = true;
        }
        if !changed {
            return Some((written, verdicts));
        }
    }
}

/// The path of `to` relative to the folder `from` (both absolute).
pub fn relative(from: &Path, to: &Path) -> PathBuf {
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c.as_os_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_to_the_file() {
        let p = relative(Path::new("/w/claims"), Path::new("/w/sources/a.md"));
        assert_eq!(p, Path::new("../sources/a.md"));
        assert_eq!(
            relative(Path::new("/w"), Path::new("/w/a.md")),
            Path::new("a.md")
        );
    }
}
