//! A tiny in-memory network builder for tests: people by name, interactions
//! and declarations by day offsets, scored with the library's own pipeline.

use warmpath::graph::RelationshipGraph;
use warmpath::identity::{
    People, Person, PersonId, ResolvedDataset, ResolvedInteraction, ResolvedRelationship,
};
use warmpath::ingest::{
    Channel, DeclaredSince, DeclaredSources, DeclaredStrength, IngestSummary, Origin,
};
use warmpath::tie_strength::{Model, Tie, score_ties};
use warmpath::time::end_of_day;

pub const AS_OF: &str = "2026-11-01";
const DAY: i64 = warmpath::time::SECONDS_PER_DAY;

pub struct Net {
    pub people: People,
    pub interactions: Vec<ResolvedInteraction>,
    pub relationships: Vec<ResolvedRelationship>,
    pub declared_sources: DeclaredSources,
}

pub fn as_of_date() -> jiff::civil::Date {
    AS_OF.parse().unwrap()
}

/// Unix seconds `days_ago` days before the as-of date (at noon).
pub fn days_ago(days: i64) -> i64 {
    end_of_day(as_of_date()) - days * DAY - DAY / 2
}

const ORIGIN: Origin = Origin { file: 0, line: 0 };

impl Net {
    pub fn new() -> Self {
        Self {
            people: People::default(),
            interactions: Vec::new(),
            relationships: Vec::new(),
            declared_sources: DeclaredSources::default(),
        }
    }

    pub fn person(&mut self, name: &str) -> PersonId {
        let reference = warmpath::ingest::PersonRef::parse_loose(name);
        match self.people.resolve(&reference) {
            warmpath::identity::Resolution::Found(id) => id,
            _ => self.people.add(Person {
                id: Some(name.to_owned()),
                name: name.to_owned(),
                ..Person::default()
            }),
        }
    }

    pub fn interact(
        &mut self,
        from: &str,
        to: &[&str],
        channel: Channel,
        days_ago_: i64,
        minutes: Option<u32>,
    ) -> &mut Self {
        let from = self.person(from);
        let mut to: Vec<PersonId> = to.iter().map(|name| self.person(name)).collect();
        to.sort_unstable();
        self.interactions.push(ResolvedInteraction {
            origin: ORIGIN,
            at: days_ago(days_ago_),
            from,
            to,
            channel,
            duration_secs: minutes.map(|m| m * 60),
        });
        self
    }

    pub fn declare(&mut self, a: &str, b: &str, strength: Option<f64>) -> &mut Self {
        let (a, b) = (self.person(a), self.person(b));
        let source = self.declared_sources.intern("test");
        self.relationships.push(ResolvedRelationship {
            origin: ORIGIN.into(),
            a,
            b,
            strength: strength.map_or(DeclaredStrength::NONE, |strength| {
                DeclaredStrength::new(strength).unwrap()
            }),
            since: DeclaredSince::new(days_ago(400)).unwrap(),
            source,
        });
        self
    }

    pub fn graph_with(&self, model: &Model) -> RelationshipGraph {
        let resolved = ResolvedDataset {
            people: self.people.clone(),
            interactions: self.interactions.clone(),
            relationships: self.relationships.clone(),
            declared_sources: self.declared_sources.clone(),
            owners: Vec::new(),
            as_of: Some(as_of_date()),
            summary: IngestSummary::default(),
        };
        let scored = score_ties(&resolved, model, end_of_day(as_of_date()));
        RelationshipGraph::new(resolved.people, scored.ties, Vec::new(), as_of_date())
    }

    pub fn graph(&self) -> RelationshipGraph {
        self.graph_with(&Model::default())
    }

    /// The tie between two named people in a freshly scored graph.
    pub fn tie(&self, a: &str, b: &str) -> Tie {
        self.tie_with(a, b, &Model::default())
    }

    pub fn tie_with(&self, a: &str, b: &str, model: &Model) -> Tie {
        let graph = self.graph_with(model);
        let find = |name: &str| {
            graph
                .people()
                .persons()
                .iter()
                .position(|p| p.name == name)
                .map(|index| PersonId(index as u32))
                .unwrap()
        };
        graph
            .tie_detail(find(a), find(b))
            .unwrap()
            .unwrap()
            .into_owned()
    }

    pub fn strength(&self, a: &str, b: &str) -> f64 {
        self.tie(a, b).strength.strength
    }
}
