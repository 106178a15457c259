//! The timeline's events, with a short caption for each mark of the SVG (the "Chronology"
//! section that lists them is compose/chronology.rs).

use super::super::event::EventKind;
use super::super::facts::{inferred, TimelineRow};
use super::super::words::{capitalize, humanize, in_text, truncate};
use super::super::Event;
use super::agreements::qualified_count;
use super::Writer;

/// The longest caption of a timeline event, in characters.
const CAPTION_MAX: usize = 40;

impl Writer<'_> {
    /// The timeline's events, citing their sources.
    pub(super) fn timeline(&mut self) -> Vec<Event> {
        let facts = self.facts;
        facts
            .timeline
            .iter()
            .map(|row| Event {
                kind: row.kind,
                record: format!("{}:{}", row.record_table, row.record_id),
                caption: self.caption(row),
                cites: self.cite([row.source_id]),
                date: row.date.clone(),
                description: row.description.clone(),
            })
            .collect()
    }

    /// A short caption for a timeline event, from the record it comes from; the view's
    /// description where that record is not among the pair's facts.
    fn caption(&self, row: &TimelineRow) -> String {
        let id: Option<i64> = row.record_id.parse().ok();
        let facts = self.facts;
        let caption = match row.kind {
            EventKind::RelationsEstablished => Some("Diplomatic relations established".to_string()),
            EventKind::RelationsSevered => Some("Diplomatic relations broken off".to_string()),
            EventKind::Visit => facts
                .visits
                .iter()
                .find(|v| Some(v.id) == id)
                .map(|v| format!("{} visits {}", v.visitor_name, v.host_state_name)),
            EventKind::MissionOpened | EventKind::MissionClosed => {
                facts.missions.iter().find(|m| Some(m.id) == id).map(|m| {
                    let verb = if row.kind == EventKind::MissionOpened {
                        "opens"
                    } else {
                        "closes"
                    };
                    let kind = capitalize(&humanize(&m.kind));
                    format!("{kind} of {} {verb}", in_text(&m.sending_name))
                })
            }
            EventKind::AgreementSigned | EventKind::AgreementInForce => {
                facts.agreements.iter().find(|a| Some(a.id) == id).map(|a| {
                    let prefix = if row.kind == EventKind::AgreementInForce {
                        "In force: "
                    } else {
                        ""
                    };
                    // A title of reldb's own is marked as such on the mark too.
                    let own = if inferred(&a.basis) {
                        " (reldb's title)"
                    } else {
                        ""
                    };
                    format!("{prefix}{}{own}", short_title(&a.title))
                })
            }
            EventKind::LegalBaseCounted => facts
                .counts
                .iter()
                .find(|c| Some(c.id) == id)
                .map(|c| format!("Legal base: {} documents", qualified_count(c))),
            EventKind::Recognition => {
                facts
                    .relation_events
                    .iter()
                    .find(|r| Some(r.id) == id)
                    .map(|r| match r.acting_state.as_deref() {
                        Some(code) if code == self.state.code => {
                            format!("Recognition by {}", in_text(&self.state.name))
                        }
                        Some(_) => format!("Recognition by {}", in_text(&self.partner.name)),
                        None => "Mutual recognition".to_string(),
                    })
            }
            EventKind::RelationsReestablished => Some("Relations re-established".to_string()),
            EventKind::RelationsResumed => Some("Relations resumed".to_string()),
            EventKind::RelationsSuspended => Some("Relations suspended".to_string()),
            EventKind::RelationsInterrupted => Some("Relations interrupted".to_string()),
            EventKind::RelationsTerminated => Some("Relations ended".to_string()),
            EventKind::MissionRaised
            | EventKind::MissionLowered
            | EventKind::MissionMoved
            | EventKind::MissionSuspended
            | EventKind::MissionReopened
            | EventKind::MissionProtectingPower => {
                facts.missions.iter().find(|m| Some(m.id) == id).map(|m| {
                    let kind = capitalize(&humanize(&m.kind));
                    let what = row.kind.as_str().trim_start_matches("mission_");
                    format!(
                        "{kind} of {} {}",
                        in_text(&m.sending_name),
                        what.replace('_', " ")
                    )
                })
            }
            // The source's own heading, as the view gives it.
            EventKind::MembershipJoined | EventKind::MembershipLeft | EventKind::RelationsOther => {
                None
            }
        };
        truncate(
            &caption.unwrap_or_else(|| row.description.clone()),
            CAPTION_MAX,
        )
    }
}

/// A title cut before its parties (`Agreement on Friendship and Cooperation between the ...`
/// → `Agreement on Friendship and Cooperation`), for a caption.
fn short_title(title: &str) -> String {
    const MIN_PREFIX: usize = 12;
    let cut = [" between ", " of "]
        .iter()
        .filter_map(|marker| {
            title
                .match_indices(marker)
                .map(|(index, _)| index)
                .find(|index| *index >= MIN_PREFIX)
        })
        .min()
        .unwrap_or(title.len());
    title[..cut].to_string()
}

#[cfg(test)]
mod tests {
    use super::short_title;

    #[test]
    fn short_titles_drop_the_parties() {
        assert_eq!(
            short_title("Agreement on Friendship and Cooperation between the Republic of Tajikistan and the Republic of Azerbaijan"),
            "Agreement on Friendship and Cooperation"
        );
        assert_eq!(
            short_title("Joint Statement of the President of the Republic of Tajikistan"),
            "Joint Statement"
        );
        assert_eq!(short_title("Treaty of Friendship"), "Treaty of Friendship");
    }
}
