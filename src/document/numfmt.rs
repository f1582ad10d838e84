//! Numbers as a spreadsheet displays them, from the cell's number format
//! code (`#,##0.0`, `0.0%`, `#,##0;(#,##0)`, `[$¥-804]#,##0.00`,
//! `yyyy"年"m"月"d"日"`…): sections for positive, negative and zero values,
//! digit placeholders, grouping, scaling commas, percent, literals, currency
//! tags and dates. Rounding is half away from zero on the shortest decimal
//! form of the value, as Excel shows it.

/// A piece of a format section.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// Text shown as it is.
    Lit(String),
    /// A digit placeholder: `0` (always a digit), `#` or `?` (only if needed).
    Digit(char),
    /// The decimal point.
    Point,
    /// A comma: grouping between digits, scaling by 1000 after them.
    Comma,
    /// `%`: the value times 100.
    Percent,
    /// `E+`/`E-`: scientific notation.
    Exp,
    /// A date or time part (`yyyy`, `m`, `dd`, `h`, `ss`), lower case.
    Date(String),
    /// `AM/PM` or `A/P`.
    AmPm,
}

/// `value` displayed with format `code` (`date1904`: the workbook counts
/// days from 1904).
pub(crate) fn display(value: f64, code: &str, date1904: bool) -> String {
    if !value.is_finite() {
        return "#NUM!".to_string();
    }
    let sections = split_sections(code.trim());
    let (section, value, signed) = choose(&sections, value);
    if section.trim().is_empty() || section.trim().eq_ignore_ascii_case("general") {
        return general(if signed { value } else { value.abs() });
    }
    let tokens = tokenize(section);
    if tokens.iter().any(|t| matches!(t, Token::Date(_))) {
        return date(value, &tokens, date1904);
    }
    number(value, &tokens, signed)
}

/// The sections of a code, split at `;` outside quotes and brackets.
fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// The section a value is shown with, the value to show, and whether a
/// minus sign must be added (only when the section is not the negative one).
fn choose<'c>(sections: &[&'c str], value: f64) -> (&'c str, f64, bool) {
    match (sections.len(), value) {
        (1, _) => (sections[0], value, true),
        (_, v) if v < 0.0 => (sections[1], -v, false),
        (n, v) if v == 0.0 && n >= 3 => (sections[2], v, false),
        _ => (sections[0], value, true),
    }
}

/// The tokens of one section.
fn tokenize(section: &str) -> Vec<Token> {
    let chars: Vec<char> = section.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (token, used) = token_at(&chars, i, c);
        if let Some(t) = token {
            out.push(t);
        }
        i += used.max(1);
    }
    out
}

/// The token starting at `chars[i]` and how many characters it takes.
fn token_at(chars: &[char], i: usize, c: char) -> (Option<Token>, usize) {
    let rest = |from: usize| chars[from.min(chars.len())..].iter().collect::<String>();
    match c {
        '"' => {
            let end = chars[i + 1..]
                .iter()
                .position(|&c| c == '"')
                .map_or(chars.len(), |k| i + 1 + k);
            (
                Some(Token::Lit(chars[i + 1..end].iter().collect())),
                end + 1 - i,
            )
        }
        '\\' => (chars.get(i + 1).map(|c| Token::Lit(c.to_string())), 2),
        '_' => (Some(Token::Lit(" ".to_string())), 2),
        '*' => (None, 2),
        '[' => {
            let end = chars[i..]
                .iter()
                .position(|&c| c == ']')
                .map_or(chars.len(), |k| i + k);
            (
                bracket(&chars[i + 1..end.max(i + 1)].iter().collect::<String>()),
                end + 1 - i,
            )
        }
        '0' | '#' | '?' => (Some(Token::Digit(c)), 1),
        '.' => (Some(Token::Point), 1),
        ',' => (Some(Token::Comma), 1),
        '%' => (Some(Token::Percent), 1),
        'E' | 'e' if matches!(chars.get(i + 1), Some('+' | '-')) => (Some(Token::Exp), 2),
        'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => {
            let run = chars[i..]
                .iter()
                .take_while(|&&x| x.eq_ignore_ascii_case(&c))
                .count();
            (
                Some(Token::Date(c.to_ascii_lowercase().to_string().repeat(run))),
                run,
            )
        }
        'A' | 'a' if rest(i).to_ascii_uppercase().starts_with("AM/PM") => (Some(Token::AmPm), 5),
        'A' | 'a' if rest(i).to_ascii_uppercase().starts_with("A/P") => (Some(Token::AmPm), 3),
        'G' | 'g' if rest(i).to_ascii_lowercase().starts_with("general") => {
            (Some(Token::Lit("\u{0}general".to_string())), 7)
        }
        '@' => (None, 1),
        _ => (Some(Token::Lit(c.to_string())), 1),
    }
}

/// A bracketed part: a currency tag `[$¥-804]` shows its symbol, elapsed
/// time `[h]` is a time part; colours, conditions and locales show nothing.
fn bracket(inner: &str) -> Option<Token> {
    if let Some(tag) = inner.strip_prefix('$') {
        let symbol = tag.split('-').next().unwrap_or("");
        return (!symbol.is_empty()).then(|| Token::Lit(symbol.to_string()));
    }
    let lower = inner.to_ascii_lowercase();
    if !lower.is_empty() && lower.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
        return Some(Token::Date(lower));
    }
    None
}

/// Excel's General format: integers as they are, other numbers with up to
/// ten significant digits, very large or small ones in scientific notation.
pub(crate) fn general(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e11 {
        return format!("{v:.0}");
    }
    let sci = format!("{v:.9e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-5..11).contains(&exp) {
        let places = usize::try_from(9 - exp).unwrap_or(0).min(15);
        return trim_zeros(&format!("{v:.places$}"));
    }
    format!(
        "{}E{}{:02}",
        trim_zeros(mantissa),
        if exp < 0 { '-' } else { '+' },
        exp.abs()
    )
}

fn trim_zeros(s: &str) -> String {
    if !s.contains('.') {
        return s.to_string();
    }
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The shape of a section's number: placeholders, grouping, scaling.
struct Shape {
    int_zeros: usize,
    frac: Vec<char>,
    grouping: bool,
    thousands: i32,
    percents: i32,
    exp_digits: Option<usize>,
}

fn shape(tokens: &[Token]) -> Shape {
    let mut s = Shape {
        int_zeros: 0,
        frac: Vec::new(),
        grouping: false,
        thousands: 0,
        percents: 0,
        exp_digits: None,
    };
    let (mut after_point, mut pending_commas, mut seen_digit) = (false, 0, false);
    for t in tokens {
        match t {
            Token::Digit(d) if s.exp_digits.is_some() => {
                *s.exp_digits.as_mut().unwrap() += usize::from(*d == '0')
            }
            Token::Digit(d) if after_point => s.frac.push(*d),
            Token::Digit(d) => {
                s.grouping |= pending_commas > 0 && seen_digit;
                pending_commas = 0;
                seen_digit = true;
                s.int_zeros += usize::from(*d == '0');
            }
            Token::Comma if seen_digit => pending_commas += 1,
            Token::Point => {
                after_point = true;
                s.thousands += pending_commas;
                pending_commas = 0;
            }
            Token::Percent => s.percents += 1,
            Token::Exp => s.exp_digits = Some(0),
            _ => {}
        }
    }
    if !after_point {
        s.thousands += pending_commas;
    }
    s
}

/// A number shown with a section's tokens.
fn number(value: f64, tokens: &[Token], signed: bool) -> String {
    let s = shape(tokens);
    let scaled = value * 100f64.powi(s.percents) / 1000f64.powi(s.thousands);
    let digits = match s.exp_digits {
        Some(e) => scientific(scaled.abs(), &s, e),
        None => positional(scaled.abs(), &s),
    };
    let negative = signed && scaled < 0.0 && digits.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::from(if negative { "-" } else { "" });
    let mut placed = false;
    for t in tokens {
        match t {
            Token::Lit(l) if l == "\u{0}general" => out.push_str(&general(scaled.abs())),
            Token::Lit(l) => out.push_str(l),
            Token::Percent => out.push('%'),
            Token::Digit(_) | Token::Point | Token::Exp if !placed => {
                out.push_str(&digits);
                placed = true;
            }
            _ => {}
        }
    }
    out
}

/// `1,234.50` for a section's placeholders.
fn positional(v: f64, s: &Shape) -> String {
    let (int, frac) = round(v, s.frac.len());
    let required = s.frac.iter().rposition(|&d| d == '0').map_or(0, |k| k + 1);
    let frac = frac.trim_end_matches('0');
    let frac = format!("{frac:0<required$}");
    let int = if int == "0" && s.int_zeros == 0 {
        String::new()
    } else {
        int
    };
    let int = format!("{int:0>width$}", width = s.int_zeros);
    let int = if s.grouping { group(&int) } else { int };
    if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    }
}

/// `1.23E+05` for a section with an exponent.
fn scientific(v: f64, s: &Shape, exp_zeros: usize) -> String {
    let exp = if v == 0.0 {
        0
    } else {
        v.log10().floor() as i32
    };
    let mantissa = v / 10f64.powi(exp);
    let (int, frac) = round(mantissa, s.frac.len());
    let sign = if exp < 0 { '-' } else { '+' };
    let frac = if frac.is_empty() {
        String::new()
    } else {
        format!(".{frac}")
    };
    format!("{int}{frac}E{sign}{:0>w$}", exp.abs(), w = exp_zeros.max(1))
}

/// `v` rounded half away from zero to `places` decimals, as integer and
/// fraction digits, working on its shortest decimal form.
fn round(v: f64, places: usize) -> (String, String) {
    let text = format!("{v}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = int
        .bytes()
        .chain(frac.bytes().chain(std::iter::repeat(b'0')).take(places))
        .collect();
    let round_up = frac.as_bytes().get(places).is_some_and(|&d| d >= b'5');
    if round_up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - places;
    let int = String::from_utf8_lossy(&digits[..split])
        .trim_start_matches('0')
        .to_string();
    let int = if int.is_empty() { "0".to_string() } else { int };
    (int, String::from_utf8_lossy(&digits[split..]).into_owned())
}

/// `1234567` → `1,234,567`.
fn group(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A date or time shown with a section's tokens.
fn date(serial: f64, tokens: &[Token], date1904: bool) -> String {
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let (y, mo, d) = civil(days, date1904);
    let (h, mi, s) = (seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    let twelve = tokens.contains(&Token::AmPm);
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Lit(l) => out.push_str(l),
            Token::Comma => out.push(','),
            Token::Point => out.push('.'),
            Token::AmPm => out.push_str(if h < 12 { "AM" } else { "PM" }),
            Token::Date(part) => {
                let minutes = part.starts_with('m') && part.len() <= 2 && is_minute(tokens, i);
                out.push_str(&date_part(part, minutes, (y, mo, d), (h, mi, s), twelve));
            }
            _ => {}
        }
    }
    out
}

/// `m` means minutes right after hours or right before seconds.
fn is_minute(tokens: &[Token], i: usize) -> bool {
    let is = |t: Option<&Token>, c: char| matches!(t, Some(Token::Date(p)) if p.starts_with(c));
    let before = tokens[..i]
        .iter()
        .rev()
        .find(|t| matches!(t, Token::Date(_)));
    let after = tokens[i + 1..].iter().find(|t| matches!(t, Token::Date(_)));
    is(before, 'h') || is(after, 's')
}

fn date_part(
    part: &str,
    minutes: bool,
    (y, mo, d): (i64, i64, i64),
    (h, mi, s): (i64, i64, i64),
    twelve: bool,
) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let hour = if twelve { (h + 11) % 12 + 1 } else { h };
    let n = part.len();
    match part.chars().next() {
        Some('y') if n <= 2 => format!("{:02}", y % 100),
        Some('y') => y.to_string(),
        Some('m') if minutes => pad(mi, n),
        Some('m') if n <= 2 => pad(mo, n),
        Some('m') => {
            let name = MONTHS[(mo as usize + 11) % 12];
            if n == 3 {
                name[..3].to_string()
            } else if n == 4 {
                name.to_string()
            } else {
                name[..1].to_string()
            }
        }
        Some('d') if n <= 2 => pad(d, n),
        Some('d') => String::new(),
        Some('h') => pad(hour, n.min(2)),
        Some('s') => pad(s, n.min(2)),
        _ => String::new(),
    }
}

fn pad(v: i64, width: usize) -> String {
    format!("{v:0>width$}")
}

/// Year, month and day of a serial day number (1900 system, with its fake
/// 29 February 1900, or the 1904 system).
fn civil(serial: i64, date1904: bool) -> (i64, i64, i64) {
    if !date1904 && serial == 60 {
        return (1900, 2, 29);
    }
    // Days since 1970-01-01.
    let days = if date1904 {
        serial - 24_107
    } else if serial < 60 {
        serial - 25_568
    } else {
        serial - 25_569
    };
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_their_format_says() {
        let cases = [
            (1234.5, "#,##0.0", "1,234.5"),
            (0.125, "0.0%", "12.5%"),
            (-1234.0, "#,##0;(#,##0)", "(1,234)"),
            (-1234.4, "#,##0_);[Red](#,##0)", "(1,234)"),
            (1234.0, "#,##0_);(#,##0)", "1,234 "),
            (1234.567, "[$¥-804]#,##0.00", "¥1,234.57"),
            (-62.0, "\"$\"#,##0;\"$\"(#,##0)", "$(62)"),
            (-5.0, "0.0", "-5.0"),
            (2.5, "0", "3"),
            (0.125, "0.00", "0.13"),
            (1234567.0, "#,##0,", "1,235"),
            (0.5, "#.00", ".50"),
            (3.0, "0.0#", "3.0"),
            (4.56789, "0.0#", "4.57"),
            (0.0, "#,##0;(#,##0);\"-\"", "-"),
            (123456.0, "0.00E+00", "1.23E+05"),
            (12.0, "General", "12"),
            (0.1 + 0.2, "General", "0.3"),
            (999.9999, "#,##0.00", "1,000.00"),
        ];
        for (v, code, want) in cases {
            assert_eq!(display(v, code, false), want, "{v} with {code}");
        }
    }

    #[test]
    fn dates_show_as_their_format_says() {
        assert_eq!(display(45_292.0, "yyyy-mm-dd", false), "2024-01-01");
        assert_eq!(
            display(45_292.0, "yyyy\"年\"m\"月\"d\"日\"", false),
            "2024年1月1日"
        );
        assert_eq!(display(45_292.75, "h:mm AM/PM", false), "6:00 PM");
        assert_eq!(display(61.0, "yyyy-mm-dd", false), "1900-03-01");
        assert_eq!(display(0.0, "yyyy-mm-dd", true), "1904-01-01");
        assert_eq!(display(45_292.0, "mmm d, yyyy", false), "Jan 1, 2024");
    }

    #[test]
    fn general_keeps_ten_digits() {
        assert_eq!(general(1.0 / 3.0), "0.3333333333");
        assert_eq!(general(1e20), "1E+20");
        assert_eq!(general(-42.0), "-42");
    }
}
