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
    let model = Model::default();
    assert!(old.strength.components.half_life_days > new.strength.components.half_life_days);
    let recency = |tie: &warmpath::tie_strength::Tie| model.terms(&tie.strength.components).recency;
    assert!(recency(&old) > recency(&new));
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
fn contact_spread_over_many_days_beats_the_same_contact_in_one_burst() {
    let mut net = Net::new();
    for n in 0..20 {
        net.interact("ana", &["burst"], Channel::Message, 5, None);
        net.interact("burst", &["ana"], Channel::Message, 5, None);
        net.interact("ana", &["steady"], Channel::Message, 5 + n * 3, None);
        net.interact("steady", &["ana"], Channel::Message, 5 + n * 3, None);
    }
    let model = Model::default();
    let (burst, steady) = (net.tie("ana", "burst"), net.tie("ana", "steady"));
    assert!(
        model.terms(&steady.strength.components).regularity
            > model.terms(&burst.strength.components).regularity
    );
    assert!(steady.strength.strength > burst.strength.strength);
}

#[test]
fn busy_ties_keep_their_order_among_strong_ties() {
    // Saturating volume erased the difference between a weekly and a daily
    // colleague; on a log scale it survives.
    let strength_of = |every: i64| {
        let mut net = Net::new();
        exchange(&mut net, "ana", "bo", every, 365 / every, 1);
        net.strength("ana", "bo")
    };
    let (daily, every_other_day, weekly) = (strength_of(1), strength_of(2), strength_of(7));
    assert!(
        daily > every_other_day && every_other_day > weekly,
        "{daily} {every_other_day} {weekly}"
    );
}

#[test]
fn one_brief_contact_is_never_medium_however_recent() {
    for channel in [
        Channel::Meeting,
        Channel::Call,
        Channel::Message,
        Channel::Email,
    ] {
        for ago in [0, 1, 30] {
            let mut net = Net::new();
            net.interact("ana", &["bo"], channel, ago, Some(5));
            net.interact("bo", &["ana"], channel, ago, Some(5));
            let tie = net.tie("ana", "bo");
            assert_eq!(
                tie.strength.band,
                Band::Weak,
                "{channel:?} {ago} days ago: {:?}",
                tie.strength
            );
        }
    }
}

#[test]
fn silence_is_measured_against_the_ties_history() {
    // Two weeks of quiet end a one-off meeting but not a year of weekly ones.
    let mut net = Net::new();
    net.interact("ana", &["once"], Channel::Meeting, 14, Some(60));
    for week in 0..52 {
        net.interact(
            "ana",
            &["weekly"],
            Channel::Meeting,
            14 + week * 7,
            Some(60),
        );
    }
    let model = Model::default();
    let recency = |who: &str| {
        model
            .terms(&net.tie("ana", who).strength.components)
            .recency
    };
    assert!(recency("weekly") > 0.5_f64.ln(), "{}", recency("weekly"));
    assert!(recency("once") < 4.0 * 0.5_f64.ln(), "{}", recency("once"));
}

#[test]
fn a_tie_that_takes_a_large_share_of_someones_contact_gets_their_attention() {
    // Bo's hour a week with Ana is most of Bo's contact; Cy's is one of many.
    let mut net = Net::new();
    for week in 0..20 {
        net.interact("ana", &["bo"], Channel::Meeting, 3 + week * 7, Some(60));
        net.interact("ana", &["cy"], Channel::Meeting, 3 + week * 7, Some(60));
        for n in 0..30 {
            net.interact(
                "cy",
                &[&format!("colleague{n}")],
                Channel::Meeting,
                4 + week * 7,
                Some(60),
            );
        }
    }
    let (bo, cy) = (net.tie("ana", "bo"), net.tie("ana", "cy"));
    assert!(bo.strength.components.attention > cy.strength.components.attention);
    assert!(bo.strength.strength > cy.strength.strength);
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
