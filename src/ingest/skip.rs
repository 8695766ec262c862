//! Why a row is skipped: one closed list of reasons, each with the words
//! the ingest summary counts it under (`bad date`, `self-tie`, …) and its
//! [`SkipKind`]: a malformed row, a row over a reader's limit, or a row read
//! correctly that is set aside because it is no relationship evidence (a
//! cancelled event, a mailing-list message, a draft). `--strict` refuses the
//! first two, never a set-aside. The specifics of each row (the value, the
//! column) go beside it as free text.

use std::fmt;

/// The reason a row is not used, as the ingest summary counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// An event that happens after the as-of date.
    AfterAsOf,
    /// A row another pooled export already gave.
    AlsoInAnotherExport,
    /// A reference that fits several people.
    AmbiguousReference,
    /// A second current position of the owner.
    AnotherCurrentPosition,
    /// Another skill of an endorsement already counted.
    AnotherSkill,
    /// A date the source does not write.
    BadDate,
    /// A day number outside the recording.
    BadDay,
    /// An hour outside the day.
    BadHour,
    /// A truth label that is neither 0 nor 1.
    BadLabel,
    /// A duration that is not seconds up to a week.
    BadDuration,
    /// A person id that is not a number.
    BadId,
    /// A timestamp in no accepted form.
    BadTimestamp,
    /// A cancelled calendar event.
    CancelledEvent,
    /// A calendar event every other participant declined.
    Declined,
    /// A message never sent.
    Draft,
    /// A contact slot already counted.
    DuplicateSlot,
    /// A row that names nobody on one side.
    EmptyReference,
    /// An endorsement the owner did not accept.
    EndorsementNotAccepted,
    /// A connection whose profile is hidden.
    HiddenProfile,
    /// Mail from a list or a bulk sender.
    BulkMail,
    /// A vCard that cannot be parsed.
    MalformedCard,
    /// A calendar event that cannot be parsed.
    MalformedEvent,
    /// A contact listing more addresses than one person has.
    TooManyAddresses,
    /// An event or message beyond what the reader takes from one file.
    OverFileLimit,
    /// An earlier version of a calendar event sent again with changes.
    OlderVersion,
    /// A calendar reply: it updates a participant's answer, it is no meeting.
    Reply,
    /// A calendar scheduling message that proposes or asks, no meeting.
    SchedulingMessage,
    /// A mail sent only to its sender.
    SentToSelf,
    /// A mail whose headers cannot be parsed.
    MalformedMessage,
    /// A second row in the owner's profile.
    ExtraProfileRow,
    /// A position without a company.
    NoCompany,
    /// A row without the other person.
    NoCounterpart,
    /// A contact without an email or profile URL.
    NoEmailOrProfileUrl,
    /// A person without any identifier.
    NoIdentifier,
    /// A profile without a name.
    NoName,
    /// A recurring event with no occurrence in range.
    NoOccurrence,
    /// An event with fewer than two people.
    NoOtherParticipant,
    /// A message without recipients.
    NoRecipient,
    /// A message without a sender.
    NoSender,
    /// A mail without a sender or recipients.
    NoSenderOrRecipients,
    /// Mail from a no-reply address.
    NoReplySender,
    /// A metadata line that is not `id department`.
    NotIdDepartment,
    /// A contact line that is not `t i j`.
    NotTij,
    /// An edge line that is not `SRC DST UNIXTS`.
    NotSrcDstTimestamp,
    /// A row that is not valid UTF-8.
    NotUtf8,
    /// A mail whose headers are too large to read.
    OversizedHeaders,
    /// A position the owner no longer holds.
    PastPosition,
    /// A row that ties someone to themselves.
    SelfTie,
    /// A truth pair of one person with themselves.
    SelfPair,
    /// Mail marked as spam.
    Spam,
    /// A message in the spam folder.
    SpamFolder,
    /// Sponsored `InMail`.
    Sponsored,
    /// A declared strength outside [0, 1].
    StrengthOutOfRange,
    /// A channel warmpath does not know.
    UnknownChannel,
    /// An identity correction that is neither `same` nor `different`.
    UnknownCorrection,
    /// An identity correction naming someone nobody in the data is.
    UnmatchedCorrection,
    /// An invitation neither sent nor received.
    UnknownDirection,
    /// An address that cannot be read.
    UnparsableAddress,
    /// A row with another number of columns than its header.
    WrongColumnCount,
    /// A quote that is never closed, or that carries a row too far.
    UnbalancedQuote,
    /// A line too long to be a row.
    LongLine,
    /// A file that carries no relationship evidence.
    IgnoredNoEvidence,
    /// A file that is not CSV.
    IgnoredNotCsv,
    /// A second file of a kind that is read once.
    IgnoredDuplicate,
    /// A FIFO, a device or a socket, which would block or never end.
    IgnoredNotRegular,
    /// A file or folder that another path already led to.
    IgnoredAlreadyRead,
}

impl SkipReason {
    /// The words the summary counts the reason under.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AfterAsOf => "after the as-of date",
            Self::AlsoInAnotherExport => "also in another export",
            Self::AmbiguousReference => "ambiguous reference",
            Self::AnotherCurrentPosition => "another current position",
            Self::AnotherSkill => "another skill of the same endorsement",
            Self::BadDate => "bad date",
            Self::BadDay => "bad day",
            Self::BadHour => "bad hour",
            Self::BadLabel => "bad label",
            Self::BadDuration => "bad duration",
            Self::BadId => "bad id",
            Self::BadTimestamp => "bad timestamp",
            Self::CancelledEvent => "cancelled event",
            Self::Declined => "declined",
            Self::Draft => "draft",
            Self::DuplicateSlot => "duplicate slot",
            Self::EmptyReference => "empty reference",
            Self::EndorsementNotAccepted => "endorsement not accepted",
            Self::HiddenProfile => "hidden profile (only a date)",
            Self::BulkMail => "mailing list or bulk mail",
            Self::MalformedCard => "malformed card",
            Self::MalformedEvent => "malformed event",
            Self::TooManyAddresses => "too many addresses for one person",
            Self::OverFileLimit => "over the file's limit",
            Self::OlderVersion => "older version of the same event",
            Self::Reply => "reply to an invitation",
            Self::SchedulingMessage => "scheduling message, not a meeting",
            Self::SentToSelf => "sent only to the sender",
            Self::MalformedMessage => "malformed message",
            Self::ExtraProfileRow => "more than one profile row",
            Self::NoCompany => "no company",
            Self::NoCounterpart => "no counterpart",
            Self::NoEmailOrProfileUrl => "no email or profile URL",
            Self::NoIdentifier => "no identifier",
            Self::NoName => "no name",
            Self::NoOccurrence => "no occurrence",
            Self::NoOtherParticipant => "no other participant",
            Self::NoRecipient => "no recipient",
            Self::NoSender => "no sender",
            Self::NoSenderOrRecipients => "no sender or recipients",
            Self::NoReplySender => "no-reply sender",
            Self::NotIdDepartment => "not 'id department'",
            Self::NotTij => "not 't i j'",
            Self::NotSrcDstTimestamp => "not SRC DST UNIXTS",
            Self::NotUtf8 => "not valid UTF-8",
            Self::OversizedHeaders => "oversized headers",
            Self::PastPosition => "past position",
            Self::SelfTie => "self-tie",
            Self::SelfPair => "self-pair",
            Self::Spam => "spam",
            Self::SpamFolder => "spam folder",
            Self::Sponsored => "sponsored message (not a relationship)",
            Self::StrengthOutOfRange => "strength outside [0, 1]",
            Self::UnknownChannel => "unknown channel",
            Self::UnknownCorrection => "not same or different",
            Self::UnmatchedCorrection => "correction matches nobody",
            Self::UnknownDirection => "unknown direction",
            Self::UnparsableAddress => "unparsable address",
            Self::WrongColumnCount => "wrong column count",
            Self::UnbalancedQuote => "unbalanced quote",
            Self::LongLine => "line too long",
            Self::IgnoredNoEvidence => "ignored: file carries no relationship evidence",
            Self::IgnoredNotCsv => "ignored: not a CSV file",
            Self::IgnoredDuplicate => "ignored: another file of the same kind",
            Self::IgnoredNotRegular => "ignored: not a regular file",
            Self::IgnoredAlreadyRead => "ignored: already read",
        }
    }
}

/// What a skipped row is, for `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipKind {
    /// The row cannot be read as its format says: refused under `--strict`.
    Malformed,
    /// The row is over a documented limit of its reader (a bound against
    /// hostile input): refused under `--strict`, as it is not read whole.
    OverLimit,
    /// The row is read correctly and is no relationship evidence (a
    /// cancelled event, a mailing-list message, a draft): counted, never an
    /// error.
    SetAside,
}

impl SkipReason {
    /// Whether the row is malformed, over a limit or set aside.
    #[must_use]
    pub fn kind(self) -> SkipKind {
        match self {
            Self::AfterAsOf
            | Self::AlsoInAnotherExport
            | Self::AnotherCurrentPosition
            | Self::AnotherSkill
            | Self::BulkMail
            | Self::CancelledEvent
            | Self::Declined
            | Self::Draft
            | Self::DuplicateSlot
            | Self::EndorsementNotAccepted
            | Self::HiddenProfile
            | Self::IgnoredAlreadyRead
            | Self::IgnoredDuplicate
            | Self::IgnoredNoEvidence
            | Self::IgnoredNotCsv
            | Self::IgnoredNotRegular
            | Self::NoEmailOrProfileUrl
            | Self::NoOccurrence
            | Self::NoOtherParticipant
            | Self::NoReplySender
            | Self::NoSenderOrRecipients
            | Self::OlderVersion
            | Self::PastPosition
            | Self::Reply
            | Self::SchedulingMessage
            | Self::SentToSelf
            | Self::Spam
            | Self::SpamFolder
            | Self::Sponsored => SkipKind::SetAside,
            Self::LongLine
            | Self::OverFileLimit
            | Self::OversizedHeaders
            | Self::TooManyAddresses => SkipKind::OverLimit,
            Self::AmbiguousReference
            | Self::BadDate
            | Self::BadDay
            | Self::BadHour
            | Self::BadLabel
            | Self::BadDuration
            | Self::BadId
            | Self::BadTimestamp
            | Self::EmptyReference
            | Self::MalformedCard
            | Self::MalformedEvent
            | Self::MalformedMessage
            | Self::ExtraProfileRow
            | Self::NoCompany
            | Self::NoCounterpart
            | Self::NoIdentifier
            | Self::NoName
            | Self::NoRecipient
            | Self::NoSender
            | Self::NotIdDepartment
            | Self::NotTij
            | Self::NotSrcDstTimestamp
            | Self::NotUtf8
            | Self::UnbalancedQuote
            | Self::SelfTie
            | Self::SelfPair
            | Self::StrengthOutOfRange
            | Self::UnknownChannel
            | Self::UnknownCorrection
            | Self::UnmatchedCorrection
            | Self::UnknownDirection
            | Self::UnparsableAddress
            | Self::WrongColumnCount => SkipKind::Malformed,
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
