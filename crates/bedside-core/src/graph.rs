//! A scenario as a graph (Graphviz dot or Mermaid): nodes, endings coloured by
//! outcome, choices labelled with their ratings and conditions, escalations dashed.

use crate::play::script::Script;
use crate::scenario::Outcome;

/// Output formats for `bedside graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

fn outcome_colour(o: Outcome) -> &'static str {
    match o {
        Outcome::Resolved => "#2e7d32",
        Outcome::Partial => "#f9a825",
        Outcome::Unresolved => "#c62828",
    }
}

fn choice_label(script: &Script, node: usize, c: usize) -> String {
    let ch = script.choice(node, c);
    let mut label = format!("{}: E{} C{}", c + 1, ch.empathy, ch.clarity);
    if let Some(r) = ch.requires {
        label.push_str(&format!(" [{}]", r.describe()));
    }
    label
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn mermaid_escape(s: &str) -> String {
    s.replace('"', "#quot;")
}

/// Renders the graph.
pub fn render(script: &Script, format: GraphFormat) -> String {
    match format {
        GraphFormat::Dot => dot(script),
        GraphFormat::Mermaid => mermaid(script),
    }
}

fn dot(script: &Script) -> String {
    let mut out =
        format!("digraph \"{}\" {{\n  rankdir=LR;\n  node [shape=box, style=rounded];\n", dot_escape(script.id()));
    out.push_str(&format!(
        "  \"__start\" [shape=point, label=\"\"];\n  \"__start\" -> \"{}\";\n",
        dot_escape(script.node_id(script.start()))
    ));
    for n in 0..script.node_count() {
        let node = script.node(n);
        let cue = node.cue.map(|c| format!("\\ncue: {}", c.emotion().name())).unwrap_or_default();
        out.push_str(&format!(
            "  \"{}\" [label=\"{}{}\"];\n",
            dot_escape(script.node_id(n)),
            dot_escape(script.node_id(n)),
            cue
        ));
    }
    for e in 0..script.ending_count() {
        let ending = script.ending(e);
        out.push_str(&format!(
            "  \"{id}\" [shape=ellipse, style=filled, fillcolor=\"{c}\", fontcolor=white, label=\"{id}\\n{o}\"];\n",
            id = dot_escape(script.ending_id(e)),
            c = outcome_colour(ending.outcome),
            o = ending.outcome.name()
        ));
    }
    for n in 0..script.node_count() {
        let from = dot_escape(script.node_id(n));
        for c in 0..script.node(n).choices.len() {
            let to = dot_escape(script.target_id(script.target(n, c)));
            out.push_str(&format!(
                "  \"{from}\" -> \"{to}\" [label=\"{}\"];\n",
                dot_escape(&choice_label(script, n, c))
            ));
        }
        if let Some((at, target)) = script.escalation(n) {
            out.push_str(&format!(
                "  \"{from}\" -> \"{}\" [style=dashed, color=\"#c62828\", label=\"escalate at distress {at}\"];\n",
                dot_escape(script.target_id(target))
            ));
        }
    }
    out.push_str("}\n");
    out
}

fn mermaid(script: &Script) -> String {
    // Mermaid ids must be simple: number every node and ending.
    let nid = |n: usize| format!("n{n}");
    let eid = |e: usize| format!("e{e}");
    let tid = |t: crate::play::script::Target| match t {
        crate::play::script::Target::Node(n) => nid(n),
        crate::play::script::Target::Ending(e) => eid(e),
    };
    let mut out = String::from("flowchart LR\n");
    out.push_str(&format!("  start(( )) --> {}\n", nid(script.start())));
    for n in 0..script.node_count() {
        let node = script.node(n);
        let cue = node.cue.map(|c| format!("<br/>cue: {}", c.emotion().name())).unwrap_or_default();
        out.push_str(&format!("  {}[\"{}{}\"]\n", nid(n), mermaid_escape(script.node_id(n)), cue));
    }
    for e in 0..script.ending_count() {
        out.push_str(&format!(
            "  {}([\"{}<br/>{}\"])\n",
            eid(e),
            mermaid_escape(script.ending_id(e)),
            script.ending(e).outcome.name()
        ));
    }
    for n in 0..script.node_count() {
        for c in 0..script.node(n).choices.len() {
            out.push_str(&format!(
                "  {} -->|\"{}\"| {}\n",
                nid(n),
                mermaid_escape(&choice_label(script, n, c)),
                tid(script.target(n, c))
            ));
        }
        if let Some((at, target)) = script.escalation(n) {
            out.push_str(&format!("  {} -.->|\"escalate at distress {at}\"| {}\n", nid(n), tid(target)));
        }
    }
    for o in [Outcome::Resolved, Outcome::Partial, Outcome::Unresolved] {
        out.push_str(&format!("  classDef {} fill:{},color:#fff\n", o.name().to_lowercase(), outcome_colour(o)));
    }
    for e in 0..script.ending_count() {
        out.push_str(&format!("  class {} {}\n", eid(e), script.ending(e).outcome.name().to_lowercase()));
    }
    out
}
