//! Recommendations in both forms: a `###` heading with fields, and an item of a list.

use brief_model::{Document, RecommendationForm, actor_of};

use crate::parse_clean;

const SOURCES: &str =
    "---\ntitle: T\nauthors: [A]\nsources:\n  - id: cmao\n  - id: icsd\n  - id: ledger\n---\n\n";

fn doc(body: &str) -> Document {
    parse_clean(&format!("{SOURCES}{body}"))
}

const HEADING_FORM: &str = "## Background

The State Department should not be read as a recommendation here.

## Policy Recommendations

Three steps follow.

### Recommendation 1: Fund a joint demining programme

- **Actor:** The European Union and the World Bank
- **Timeframe:** 2025–2027
- **Priority:** High
- **Cost:** €40 million
- **Risks:** Slow disbursement
- **Indicators:** Square kilometres cleared

Mines block the surveyors [@cmao, p. 12].[^1] A fund would set the pace [@icsd].

### The State Department should appoint a special envoy

An envoy keeps the commissions meeting, as [the report](https://example.org/r) argues.

### Water-sharing agreements should be revisited

### Explore new options for basin cooperation

## Notes

[^1]: Survey data.
";

#[test]
fn heading_form_actions_fields_and_ids() {
    let doc = doc(HEADING_FORM);
    let recs = &doc.recommendations;
    assert_eq!(recs.len(), 4);
    let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["rec-1", "rec-2", "rec-3", "rec-4"]);
    assert!(recs.iter().all(|r| r.form == RecommendationForm::Heading));
    let first = &recs[0];
    assert_eq!(first.action, "Fund a joint demining programme");
    assert_eq!(
        doc.text(first.action_span),
        "Recommendation 1: Fund a joint demining programme"
    );
    let fields: Vec<(&str, &str)> = first
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("Actor", "The European Union and the World Bank"),
            ("Timeframe", "2025–2027"),
            ("Priority", "High"),
            ("Cost", "€40 million"),
            ("Risks", "Slow disbursement"),
            ("Indicators", "Square kilometres cleared"),
        ]
    );
    assert_eq!(first.field("timeframe"), Some("2025–2027"));
    assert_eq!(doc.text(first.fields[3].span), "**Cost:** €40 million");
    let section = doc.recommendations_section.expect("the section is found");
    assert_eq!(doc.sections[section].text, "Policy Recommendations");
}

#[test]
fn heading_form_actor_from_the_field_else_from_the_subject() {
    let doc = doc(HEADING_FORM);
    let recs = &doc.recommendations;
    assert_eq!(
        recs[0].actor.as_deref(),
        Some("The European Union and the World Bank")
    );
    assert!(recs[0].actor_from_field);
    assert_eq!(recs[1].actor.as_deref(), Some("The State Department"));
    assert!(!recs[1].actor_from_field);
    assert_eq!(recs[2].actor, None, "a passive names no actor");
    assert_eq!(recs[3].actor, None, "an imperative names no actor");
}

#[test]
fn heading_form_rationale_and_evidence() {
    let doc = doc(HEADING_FORM);
    let first = &doc.recommendations[0];
    let rationale = doc.text(first.rationale_span.expect("a rationale"));
    assert_eq!(
        rationale,
        "Mines block the surveyors [@cmao, p. 12].[^1] A fund would set the pace [@icsd]."
    );
    assert_eq!(first.evidence, ["cmao", "^1", "icsd"]);
    assert!(doc.text(first.span).starts_with("### Recommendation 1"));
    assert!(!doc.text(first.span).contains("### The State"));
    let second = &doc.recommendations[1];
    assert_eq!(second.evidence, ["https://example.org/r"]);
    assert_eq!(doc.recommendations[2].rationale_span, None);
    assert!(doc.recommendations[2].evidence.is_empty());
}

const LIST_FORM: &str = "## Recommendations

1. **The Treasury should publish quarterly data.** Markets need it [@ledger].
2. **Water-sharing agreements should be revisited.** The quotas are old.
3. Donors should consider funding canal lining. The returns are high.[^2]
4. **Explore new options for basin cooperation.** Institutions are weak.
   - **Timeframe:** 2026
   - **Actor:** Regional governments

We recommend that the Council act.

[^2]: Cost study.
";

#[test]
fn list_form_actions_from_the_bold_lead_or_first_sentence() {
    let doc = doc(LIST_FORM);
    let recs = &doc.recommendations;
    assert_eq!(recs.len(), 4);
    assert!(recs.iter().all(|r| r.form == RecommendationForm::ListItem));
    let actions: Vec<&str> = recs.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "The Treasury should publish quarterly data",
            "Water-sharing agreements should be revisited",
            "Donors should consider funding canal lining",
            "Explore new options for basin cooperation",
        ]
    );
    assert_eq!(
        doc.text(recs[0].action_span),
        "The Treasury should publish quarterly data."
    );
}

#[test]
fn list_form_actors() {
    let doc = doc(LIST_FORM);
    let actors: Vec<Option<&str>> = doc
        .recommendations
        .iter()
        .map(|r| r.actor.as_deref())
        .collect();
    assert_eq!(
        actors,
        [
            Some("The Treasury"),
            None,
            Some("Donors"),
            Some("Regional governments")
        ]
    );
    assert!(doc.recommendations[3].actor_from_field);
}

#[test]
fn list_form_rationale_fields_and_evidence() {
    let doc = doc(LIST_FORM);
    let recs = &doc.recommendations;
    assert_eq!(
        doc.text(recs[0].rationale_span.unwrap()),
        "Markets need it [@ledger]."
    );
    assert_eq!(recs[0].evidence, ["ledger"]);
    assert_eq!(
        doc.text(recs[2].rationale_span.unwrap()),
        "The returns are high.[^2]"
    );
    assert_eq!(recs[2].evidence, ["^2"]);
    assert_eq!(recs[3].field("Timeframe"), Some("2026"));
    assert_eq!(
        doc.unstructured_recommendations
            .iter()
            .map(|s| doc.text(*s))
            .collect::<Vec<_>>(),
        ["We recommend that the Council act."]
    );
}

#[test]
fn a_nested_list_inside_an_item_is_not_a_recommendation() {
    let doc = doc(
        "## Recommendations\n\n- **Fund demining.** Because:\n  - mines block surveys\n  - clearance is slow\n- **Open a hotline.** Now.\n",
    );
    let actions: Vec<&str> = doc
        .recommendations
        .iter()
        .map(|r| r.action.as_str())
        .collect();
    assert_eq!(actions, ["Fund demining", "Open a hotline"]);
}

#[test]
fn a_recommendation_heading_below_h2_does_not_open_the_section() {
    let doc = doc("## Analysis\n\n### A recommendation we do not make\n\nText.\n");
    assert!(doc.recommendations_section.is_none());
    assert!(doc.recommendations.is_empty());
}

#[test]
fn actors_of_actions() {
    let cases = [
        (
            "The State Department should appoint a special envoy",
            Some("The State Department"),
        ),
        ("The EU must fund the mission", Some("The EU")),
        ("Tbilisi needs to publish the data", Some("Tbilisi")),
        ("Water-sharing agreements should be revisited", None),
        (
            "Budgets should be approved by Parliament",
            Some("Parliament"),
        ),
        ("Explore new options for basin cooperation", None),
        ("Fund the demining programme", None),
        ("It should be noted that costs rose", None),
        (
            "We recommend that the Treasury publish quarterly data",
            Some("the Treasury"),
        ),
    ];
    for (action, actor) in cases {
        assert_eq!(actor_of(action).as_deref(), actor, "{action}");
    }
}

#[test]
fn actors_in_non_ascii_text_and_passive_agents() {
    // Lowercasing "ẞ" or "İ" changes byte lengths; positions must still index the original.
    assert_eq!(
        actor_of("The GROẞŞ should act.").as_deref(),
        Some("The GROẞŞ")
    );
    assert_eq!(
        actor_of("İlham Əliyev və İstanbul should meet").as_deref(),
        Some("İlham Əliyev və İstanbul")
    );
    assert_eq!(
        actor_of("Canal lining should be financed by the Asian Development Bank").as_deref(),
        Some("the Asian Development Bank")
    );
    assert_eq!(
        actor_of("To reduce the risk of escalation along the line of contact, the EU should fund a hotline")
            .as_deref(),
        Some("the EU")
    );
}

#[test]
fn addressee_headings_and_introductions_give_list_items_their_actor() {
    let doc = doc("## Recommendations

### For the European Commission

1. **Fund automated flow gauges on the Vakhsh by 2026.** They cost little [@cmao].
2. **Publish the gauge data every month.** Data build trust [@icsd].

### To donors

- Finance canal lining in Khorezm [@ledger].
");
    let got: Vec<(&str, Option<&str>)> = doc
        .recommendations
        .iter()
        .map(|r| (r.action.as_str(), r.actor.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Fund automated flow gauges on the Vakhsh by 2026",
                Some("the European Commission")
            ),
            (
                "Publish the gauge data every month",
                Some("the European Commission")
            ),
            ("Finance canal lining in Khorezm", Some("donors")),
        ]
    );
    assert!(
        doc.recommendations
            .iter()
            .all(|r| r.form == RecommendationForm::ListItem)
    );
    let doc = self::doc(
        "## Recommendations

The African Union Peace and Security Council should:

- Deploy observers to the border within 90 days [@icsd].
- Publish their reports [@cmao].
",
    );
    let actors: Vec<Option<&str>> = doc
        .recommendations
        .iter()
        .map(|r| r.actor.as_deref())
        .collect();
    assert_eq!(
        actors,
        [Some("The African Union Peace and Security Council"); 2]
    );
}

#[test]
fn a_bold_lead_that_stops_mid_sentence_extends_to_the_sentence() {
    let doc = doc("## Recommendations

1. **The Ministry should fund** clinics in rural districts by 2027. Staffing is the bottleneck [@cmao].
2. **The Treasury should publish quarterly data.** Markets need it [@icsd].
");
    let actions: Vec<&str> = doc
        .recommendations
        .iter()
        .map(|r| r.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "The Ministry should fund clinics in rural districts by 2027",
            "The Treasury should publish quarterly data"
        ]
    );
    assert_eq!(doc.recommendations[0].evidence, ["cmao"]);
}
