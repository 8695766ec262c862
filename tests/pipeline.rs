//! The pipeline as a library: each tie-strength principle of DESIGN.md has a
//! test here that fails if the principle is removed from the model, plus the
//! ranking behaviours the product promises.

use warmpath::ingest::Channel;
use warmpath::intro::{IntroQuery, IntroStatus, Target, rank_introducers};
use warmpath::tie_strength::{Band, Model};

use crate::common_net::Net;

/// A reciprocal message exchange every `every` days, for `times` times, ending `ago` days ago.
fn exchange(net: &mut Net, a: &str, b: &str, every: i64, times: i64, ago: i64) {
    for n in 0..times {
        net.interact(a, &[b], Channel::Message, ago + n * every, None);
        net.interact(b, &[a], Channel::Message, ago + n * every, None);
    }
}

#[test]
fn recent_contact_is_stronger_than_the_same_contact_long_ago() {
    let mut net = Net::new();
    exchange(&mut net, "ana", "recent", 14, 10, 3);
    exchange(&mut net, "ana", "old", 14, 10, 400);
    assert!(net.strength("ana", "recent") > net.strength("ana", "old") + 0.2);
}

#[test]
fn long_standing_ties_decay_slower() {
    let mut net = Net::new();
    // Both last spoke 200 days ago, with the same recent rhythm; one tie is four years older.
    exchange(&mut net, "ana", "new", 14, 10, 200);
    exchange(&mut net, "ana", "old", 14, 10, 200);
    exchange(&mut net, "ana", "old", 60, 24, 340);
    let (new, old) = (net.tie("ana", "new"), net.tie("ana", "old"));
    assert!(old.strength.components.half_life_days > new.strength.components.half_life_days);
    assert!(old.strength.components.recency > new.strength.components.recency);
    assert!(old.strength.strength > new.strength.strength);
}

#[test]
fn frequency_counts_with_diminishing_returns() {
    let strength_after = |times: i64| {
        let mut net = Net::new();
        exchange(&mut net, "ana", "bo", 7, times, 2);
        net.strength("ana", "bo")
    };
    let (one, ten, twenty) = (strength_after(1), strength_after(10), strength_after(20));
    assert!(ten > one && twenty > ten);
    assert!(
        (twenty - ten) / 10.0 < (ten - one) / 9.0,
        "{one} {ten} {twenty}"
    );
}

#[test]
fn time_spent_together_counts() {
    let mut net = Net::new();
    for week in 0..6 {
        net.interact("ana", &["short"], Channel::Meeting, 5 + week * 7, Some(10));
        net.interact("ana", &["long"], Channel::Meeting, 5 + week * 7, Some(120));
    }
    assert!(net.strength("ana", "long") > net.strength("ana", "short"));
}

#[test]
fn meeting_in_person_beats_a_call_beats_a_message_beats_an_endorsement() {
    let mut net = Net::new();
    for n in 0..4 {
        for (who, channel) in [
            ("met", Channel::Meeting),
            ("called", Channel::Call),
            ("wrote", Channel::Message),
            ("endorsed", Channel::Endorsement),
        ] {
            // Same count, same time, both ways; durations zero so only depth differs.
            net.interact("ana", &[who], channel, 10 + n * 20, Some(0));
            net.interact(who, &["ana"], channel, 11 + n * 20, Some(0));
        }
    }
    let s = |who| net.strength("ana", who);
    assert!(s("met") > s("called"), "{} {}", s("met"), s("called"));
    assert!(s("called") > s("wrote"));
    assert!(s("wrote") > s("endorsed"));
}

#[test]
fn a_meeting_with_thirty_people_says_little_about_any_one_pair() {
    let mut net = Net::new();
    let crowd: Vec<String> = (0..29).map(|n| format!("guest{n}")).collect();
    let crowd: Vec<&str> = crowd.iter().map(String::as_str).collect();
    for week in 0..6 {
        net.interact("ana", &["bo"], Channel::Meeting, 3 + week * 7, Some(60));
        net.interact("ana", &crowd, Channel::Meeting, 3 + week * 7, Some(60));
    }
    let one_to_one = net.strength("ana", "bo");
    let in_crowd = net.strength("ana", "guest0");
    assert!(in_crowd < one_to_one / 3.0, "{in_crowd} vs {one_to_one}");
    // Attendees meet each other too, equally diluted.
    assert!(net.tie("guest1", "guest2").strength.strength > 0.0);
}

#[test]
fn one_way_contact_is_capped_at_acquaintance_until_answered() {
    let model = Model::default();
    let mut net = Net::new();
    for n in 0..40 {
        net.interact("recruiter", &["ana"], Channel::Message, 1 + n * 5, None);
    }
    let one_way = net.tie("recruiter", "ana");
    assert!(one_way.strength.components.one_way_capped);
    assert!(one_way.strength.strength <= model.one_way_cap + 1e-9);
    assert_eq!(one_way.strength.band, Band::Weak);
    net.interact("ana", &["recruiter"], Channel::Message, 1, None);
    assert!(net.strength("recruiter", "ana") > model.one_way_cap);
}

#[test]
fn a_connection_without_interaction_is_nearly_zero_and_unknown() {
    let mut net = Net::new();
    net.declare("ana", "stranger", None);
    let tie = net.tie("ana", "stranger");
    assert_eq!(tie.strength.band, Band::Unknown);
    assert!((tie.strength.strength - Model::default().connection_floor).abs() < 1e-6);
}

#[test]
fn a_declared_strength_alone_is_exactly_that_strength() {
    let mut net = Net::new();
    for value in [0.0, 0.1234, 0.5, 0.875, 1.0] {
        let other = format!("p{value}");
        net.declare("ana", &other, Some(value));
        let tie = net.tie("ana", &other);
        assert!(
            (tie.strength.strength - value).abs() < 1e-7,
            "{value} → {}",
            tie.strength.strength
        );
    }
}

#[test]
fn spreading_attention_over_thousands_of_ties_weakens_each_one() {
    let build = |others: usize| {
        let mut net = Net::new();
        exchange(&mut net, "ana", "bo", 7, 12, 2);
        for n in 0..others {
            let other = format!("contact{n}");
            net.interact("bo", &[&other], Channel::Message, 5 + (n as i64 % 50), None);
            net.interact(&other, &["bo"], Channel::Message, 5 + (n as i64 % 50), None);
        }
        net.tie("ana", "bo")
    };
    let focused = build(0);
    let spread = build(3000);
    assert!(spread.strength.components.attention < 0.9);
    assert!(spread.strength.strength < focused.strength.strength);
}

#[test]
fn reach_never_raises_strength() {
    let mut net = Net::new();
    exchange(&mut net, "ana", "bo", 10, 6, 4);
    let before = net.strength("ana", "bo");
    for n in 0..500 {
        net.declare("bo", &format!("follower{n}"), None);
    }
    assert!(net.strength("ana", "bo") <= before + 1e-12);
}

#[test]
fn titles_are_not_evidence() {
    let mut net = Net::new();
    exchange(&mut net, "ana", "assistant", 10, 6, 4);
    exchange(&mut net, "ana", "ceo", 10, 6, 4);
    let untitled = net.strength("ana", "ceo");
    for (name, title) in [
        ("assistant", "Executive Assistant"),
        ("ceo", "Chief Executive Officer"),
    ] {
        let id = net.person(name);
        let mut people = warmpath::identity::People::default();
        for (index, person) in net.people.persons().iter().enumerate() {
            let mut person = person.clone();
            if index == id.index() {
                person.title = Some(title.to_owned());
            }
            people.add(person);
        }
        net.people = people;
    }
    assert!((net.strength("ana", "assistant") - net.strength("ana", "ceo")).abs() < 1e-12);
    assert!((net.strength("ana", "ceo") - untitled).abs() < 1e-12);
}

#[test]
fn a_strong_tie_left_to_fade_becomes_dormant() {
    let mut net = Net::new();
    for week in 0..150 {
        net.interact("ana", &["tom"], Channel::Meeting, 1300 + week * 7, Some(60));
    }
    let tie = net.tie("ana", "tom");
    assert_eq!(tie.strength.band, Band::Dormant, "{:?}", tie.strength);
    assert!(tie.strength.peak >= Model::default().bands.strong);
}

#[test]
fn ranks_strong_two_hop_above_weak_direct() {
    let mut net = Net::new();
    net.declare("me", "target", Some(0.15));
    net.declare("me", "friend", Some(0.9));
    net.declare("friend", "target", Some(0.8));
    let graph = net.graph();
    let ranking = rank_introducers(
        &graph,
        IntroQuery {
            from: net
                .people
                .resolve(&warmpath::ingest::PersonRef::parse_loose("me"))
                .found(),
            target: Target::Person(
                net.people
                    .resolve(&warmpath::ingest::PersonRef::parse_loose("target"))
                    .found(),
            ),
            max_hops: 3,
            top: 10,
        },
        &Model::default(),
    )
    .unwrap();
    assert_eq!(ranking.status, IntroStatus::Found);
    let best = &ranking.introducers[0];
    assert_eq!(graph.person(best.path.introducer()).name, "friend");
    assert!(best.path.score > ranking.direct.as_ref().unwrap().strength.strength);
}

trait Found {
    fn found(self) -> warmpath::identity::PersonId;
}

impl Found for warmpath::identity::Resolution {
    fn found(self) -> warmpath::identity::PersonId {
        match self {
            warmpath::identity::Resolution::Found(id) => id,
            other => panic!("not found: {other:?}"),
        }
    }
}
