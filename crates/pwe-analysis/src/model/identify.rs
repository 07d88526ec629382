//! What the data cannot identify, in words: directions in which the
//! likelihood is flat whatever the choices (the null space of the information
//! matrix when every portfolio is equally likely), and constants of option
//! levels nobody chose (whose estimate would run off to minus infinity).

use nalgebra::SymmetricEigen;

use super::design::{Design, ParamKind};
use super::likelihood::evaluate;

/// Eigenvalues of the scaled information below this share of the largest
/// count as zero.
const RELATIVE_ZERO: f64 = 1e-9;

/// Every identification problem of `design`, in words; empty when all is well.
pub fn problems(design: &Design) -> Vec<String> {
    let k = design.k();
    let mut problems = Vec::new();
    if k == 0 {
        return vec![
            "the model has no parameters: give constants, money, attributes or interactions".into(),
        ];
    }
    // Constants of levels nobody chose have no finite maximum.
    for (p, kind) in design.kinds.iter().enumerate() {
        if !matches!(
            kind,
            ParamKind::Constant { .. } | ParamKind::Interaction { .. }
        ) {
            continue;
        }
        let chosen: usize = design
            .groups
            .iter()
            .flat_map(|g| g.cells.iter().map(move |c| (g, c)))
            .filter(|(g, c)| g.row(c.alt, k)[p] != 0.0)
            .map(|(_, c)| c.count)
            .sum();
        if chosen == 0 {
            problems.push(format!(
                "{}: no respondent chose a portfolio where this term is on, so its value has no finite estimate (it runs off to minus infinity); leave it out",
                design.names[p]
            ));
        }
    }
    let information = -evaluate(design, &vec![0.0; k], &|g, c| {
        design.groups[g].cells[c].count as f64
    })
    .hessian;
    let eigen = SymmetricEigen::new(information);
    let largest = eigen.eigenvalues.iter().copied().fold(0.0f64, f64::max);
    for (i, value) in eigen.eigenvalues.iter().enumerate() {
        if *value > RELATIVE_ZERO * largest {
            continue;
        }
        let vector = eigen.eigenvectors.column(i);
        let norm = vector.iter().map(|v| v.abs()).fold(0.0, f64::max);
        let involved: Vec<usize> = (0..k).filter(|&p| vector[p].abs() > 0.05 * norm).collect();
        problems.push(describe(design, &involved));
    }
    problems
}

fn describe(design: &Design, involved: &[usize]) -> String {
    let names: Vec<&str> = involved.iter().map(|&p| design.names[p].as_str()).collect();
    let has = |wanted: fn(&ParamKind) -> bool| involved.iter().any(|&p| wanted(&design.kinds[p]));
    let money = has(|k| matches!(k, ParamKind::Money));
    let attribute = has(|k| matches!(k, ParamKind::Attribute { .. }));
    if involved.len() == 1 {
        return format!(
            "{}: this term is the same for every portfolio a respondent can choose, so the choices say nothing about it; leave it out",
            names[0]
        );
    }
    if money && !attribute {
        return format!(
            "delta0 (the value of money) cannot be told apart from the constants ({}): the costs of the options do not vary between versions (or only in proportion), so the choices hold no trade-off between money and options. Vary the costs between versions, or set money = \"none\"",
            names
                .iter()
                .filter(|n| **n != "delta0")
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if attribute {
        return format!(
            "{} are collinear: an attribute that does not vary between versions is a fixed combination of the option constants, so its value cannot be told apart from theirs. Leave out the attribute, or the constants of the options that carry it",
            names.join(", ")
        );
    }
    format!(
        "{} cannot be told apart in these data (they always move together); leave one of them out",
        names.join(", ")
    )
}
