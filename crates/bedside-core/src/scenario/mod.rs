//! The scenario file format's types, as serde reads them (see docs/scenario-format.md).
//!
//! Numbers are read as wide integers so that a value out of range is reported by
//! validation with its position and the allowed range, not as a parse error.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

pub use look::Look;

pub mod load;
pub mod locate;
pub mod look;
pub mod skeleton;
pub mod speaker;
pub mod syntax;

/// One scenario file.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Scenario", deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub setting: String,
    pub difficulty: Difficulty,
    pub objectives: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    /// The guidance the scenario follows (format 2), shown to trainees and educators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default = "default_true")]
    pub shuffle: bool,
    pub patient: Patient,
    pub start: String,
    pub nodes: Keyed<Node>,
    pub endings: Keyed<Ending>,
}

fn default_true() -> bool {
    true
}

/// How hard a scenario is.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Difficulty {
    Foundation,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Foundation, Difficulty::Intermediate, Difficulty::Advanced];

    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Foundation => "Foundation",
            Difficulty::Intermediate => "Intermediate",
            Difficulty::Advanced => "Advanced",
        }
    }
}

/// Who the trainee is speaking with.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Patient {
    pub name: String,
    pub age: i64,
    pub about: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portrait: Option<String>,
    pub distress: i64,
    pub trust: i64,
    /// How they look and the place behind them; the default follows the age.
    #[serde(default, skip_serializing_if = "Look::is_default")]
    pub look: Look,
}

impl Patient {
    /// The age as drawing wants it: 0 to 120 (validation refuses anything else).
    pub fn age_years(&self) -> u32 {
        self.age.clamp(0, 120) as u32
    }
}

/// A point in the conversation: the patient speaks, the trainee chooses.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub says: Vec<String>,
    #[serde(default)]
    pub cue: Option<Cue>,
    #[serde(default)]
    pub escalate: Option<Escalate>,
    pub choices: Vec<Choice>,
}

/// An empathic opportunity in the patient's line.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
pub enum Cue {
    Explicit(Emotion),
    Hint(Emotion),
}

impl Cue {
    pub fn emotion(self) -> Emotion {
        match self {
            Cue::Explicit(e) | Cue::Hint(e) => e,
        }
    }
}

/// The emotions a cue can carry.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
pub enum Emotion {
    Fear,
    Anger,
    Sadness,
    Frustration,
    Confusion,
    Shame,
    Grief,
    Worry,
}

impl Emotion {
    /// Every emotion a cue can carry, in the order reports list them.
    pub const ALL: [Emotion; 8] = [
        Emotion::Fear,
        Emotion::Anger,
        Emotion::Sadness,
        Emotion::Frustration,
        Emotion::Confusion,
        Emotion::Shame,
        Emotion::Grief,
        Emotion::Worry,
    ];

    /// The emotion's place in [`Emotion::ALL`].
    pub fn index(self) -> usize {
        Emotion::ALL.iter().position(|&e| e == self).unwrap_or(0)
    }

    pub fn name(self) -> &'static str {
        match self {
            Emotion::Fear => "fear",
            Emotion::Anger => "anger",
            Emotion::Sadness => "sadness",
            Emotion::Frustration => "frustration",
            Emotion::Confusion => "confusion",
            Emotion::Shame => "shame",
            Emotion::Grief => "grief",
            Emotion::Worry => "worry",
        }
    }
}

/// On arriving with distress at or above `at_distress`, go to `goto` instead.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Escalate {
    pub at_distress: i64,
    pub goto: String,
}

/// Something the trainee can say.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub say: String,
    pub empathy: i64,
    pub clarity: i64,
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub distress: i64,
    #[serde(default)]
    pub trust: i64,
    pub feedback: String,
    pub goto: String,
    #[serde(default)]
    pub requires: Option<Condition>,
    /// Words (`Say`) or an action (`Do`); format 2.
    #[serde(default, skip_serializing_if = "Kind::is_say")]
    pub kind: Kind,
    /// What the patient says straight after this choice, before the next line; format 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// 1-based numbers of the objectives that choosing this meets; format 2.
    /// Read wide, so that a number out of range is reported with its position.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meets: Vec<i64>,
    /// Why this choice is clinically unsafe: choosing it is a safety error; format 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hazard: Option<String>,
    /// Other ways a learner might say this, to match a reply typed in their
    /// own words (this program's addition to format 2; see docs/scenario-format.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

impl Choice {
    /// Whether choosing this meets objective `n` (1-based).
    pub fn meets_objective(&self, n: usize) -> bool {
        self.meets.iter().any(|&m| usize::try_from(m) == Ok(n))
    }

    /// Whether this is an action rather than words.
    pub fn is_action(&self) -> bool {
        self.kind == Kind::Do
    }
}

/// Whether a choice is the trainee's words or an action.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `say` is what the trainee says.
    #[default]
    Say,
    /// `say` describes what the trainee does (checks obs, calls the doctor, sits in silence).
    Do,
}

impl Kind {
    pub fn is_say(&self) -> bool {
        *self == Kind::Say
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Say => "Say",
            Kind::Do => "Do",
        }
    }
}

/// A condition on the patient's state that gates a choice.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
pub enum Condition {
    TrustAtLeast(i64),
    TrustBelow(i64),
    DistressAtLeast(i64),
    DistressBelow(i64),
}

impl Condition {
    /// Whether the condition holds for this distress and trust.
    pub fn holds(self, distress: i64, trust: i64) -> bool {
        match self {
            Condition::TrustAtLeast(n) => trust >= n,
            Condition::TrustBelow(n) => trust < n,
            Condition::DistressAtLeast(n) => distress >= n,
            Condition::DistressBelow(n) => distress < n,
        }
    }

    pub fn value(self) -> i64 {
        match self {
            Condition::TrustAtLeast(n)
            | Condition::TrustBelow(n)
            | Condition::DistressAtLeast(n)
            | Condition::DistressBelow(n) => n,
        }
    }

    /// The condition in words, e.g. "trust at least 60".
    pub fn describe(self) -> String {
        match self {
            Condition::TrustAtLeast(n) => format!("trust at least {n}"),
            Condition::TrustBelow(n) => format!("trust below {n}"),
            Condition::DistressAtLeast(n) => format!("distress at least {n}"),
            Condition::DistressBelow(n) => format!("distress below {n}"),
        }
    }
}

/// The communication skills and faults a choice can show.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    Naming,
    Understanding,
    Respecting,
    Supporting,
    Exploring,
    OpenQuestion,
    AskTellAsk,
    TeachBack,
    PlainLanguage,
    SmallChunks,
    WishStatement,
    Summarising,
    Apologising,
    Dismissing,
    FalseReassurance,
    Jargon,
    Blaming,
    Interrupting,
    ChangingSubject,
    ClosedCheck,
    InformationDump,
}

impl Tag {
    /// Every tag, skills first, then faults, in the order reports list them.
    pub const ALL: [Tag; 21] = [
        Tag::Naming,
        Tag::Understanding,
        Tag::Respecting,
        Tag::Supporting,
        Tag::Exploring,
        Tag::OpenQuestion,
        Tag::AskTellAsk,
        Tag::TeachBack,
        Tag::PlainLanguage,
        Tag::SmallChunks,
        Tag::WishStatement,
        Tag::Summarising,
        Tag::Apologising,
        Tag::Dismissing,
        Tag::FalseReassurance,
        Tag::Jargon,
        Tag::Blaming,
        Tag::Interrupting,
        Tag::ChangingSubject,
        Tag::ClosedCheck,
        Tag::InformationDump,
    ];

    /// The tag's place in [`Tag::ALL`].
    pub fn index(self) -> usize {
        Tag::ALL.iter().position(|&t| t == self).unwrap_or(0)
    }

    /// Whether the tag names a fault rather than a skill.
    pub fn is_harmful(self) -> bool {
        matches!(
            self,
            Tag::Dismissing
                | Tag::FalseReassurance
                | Tag::Jargon
                | Tag::Blaming
                | Tag::Interrupting
                | Tag::ChangingSubject
                | Tag::ClosedCheck
                | Tag::InformationDump
        )
    }

    /// The tag in plain words, as shown to a trainee.
    pub fn plain(self) -> &'static str {
        match self {
            Tag::Naming => "Naming the emotion",
            Tag::Understanding => "Showing understanding",
            Tag::Respecting => "Showing respect",
            Tag::Supporting => "Offering support",
            Tag::Exploring => "Exploring the feeling",
            Tag::OpenQuestion => "Asking an open question",
            Tag::AskTellAsk => "Ask-Tell-Ask",
            Tag::TeachBack => "Teach-back",
            Tag::PlainLanguage => "Plain language",
            Tag::SmallChunks => "Small chunks of information",
            Tag::WishStatement => "A wish statement",
            Tag::Summarising => "Summarising",
            Tag::Apologising => "Apologising",
            Tag::Dismissing => "Dismissing the concern",
            Tag::FalseReassurance => "False reassurance",
            Tag::Jargon => "Jargon",
            Tag::Blaming => "Blaming",
            Tag::Interrupting => "Interrupting",
            Tag::ChangingSubject => "Changing the subject",
            Tag::ClosedCheck => "A closed check (\"Do you understand?\")",
            Tag::InformationDump => "Too much information at once",
        }
    }
}

/// How an encounter ended for the patient.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Resolved,
    Partial,
    Unresolved,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Resolved => "Resolved",
            Outcome::Partial => "Partial",
            Outcome::Unresolved => "Unresolved",
        }
    }
}

/// Where an encounter can end.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub outcome: Outcome,
    pub says: String,
    pub debrief: String,
}

/// A RON map kept in file order, as (id, value) pairs. Duplicate keys are kept
/// so that validation can report them with their positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<V>(pub Vec<(String, V)>);

impl<V> Keyed<V> {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, id: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }
    pub fn position(&self, id: &str) -> Option<usize> {
        self.0.iter().position(|(k, _)| k == id)
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Keyed<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyedVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for KeyedVisitor<V> {
            type Value = Keyed<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from id to value, written { \"id\": (...), ... }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some((k, v)) = map.next_entry::<String, V>()? {
                    entries.push((k, v));
                }
                Ok(Keyed(entries))
            }
        }
        deserializer.deserialize_map(KeyedVisitor(std::marker::PhantomData))
    }
}

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}
