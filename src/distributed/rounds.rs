//! The bulk-synchronous rounds every distributed job is made of, on one
//! timely dataflow: each round is one epoch of an input whose records are
//! `(worker, message)` pairs, exchanged to the worker they are addressed to
//! and collected there; a round ends when the probe shows that every worker's
//! records of that epoch have been delivered. Between rounds each worker
//! works on what it received with its own shards (the joins with the edges,
//! the maxima per person) and addresses the next round's messages.
//!
//! Every worker runs the same sequence of rounds, so a job's protocol is the
//! order of its rounds; a round with nothing to send still runs.

use std::cell::RefCell;
use std::rc::Rc;

use timely::container::CapacityContainerBuilder;
use timely::dataflow::channels::pact::Exchange as ExchangePact;
use timely::dataflow::operators::vec::input::Input;
use timely::dataflow::operators::{Operator, Probe};
use timely::dataflow::{InputHandleVec, ProbeHandle};
use timely::worker::Worker;

/// One worker's end of the rounds.
pub(crate) struct Rounds<M: timely::ExchangeData + Clone> {
    input: InputHandleVec<u64, (u64, u64, M)>,
    probe: ProbeHandle<u64>,
    /// Delivered messages with the round they belong to: a faster worker's
    /// next round can arrive before this worker sees its round end.
    inbox: Rc<RefCell<Vec<(u64, M)>>>,
    epoch: u64,
    /// This worker's index.
    pub(crate) index: usize,
    /// Workers in the whole job (every process).
    pub(crate) peers: usize,
    /// Messages this worker has sent, for the job's statistics.
    pub(crate) sent: u64,
}

impl<M: timely::ExchangeData + Clone> Rounds<M> {
    /// Builds the dataflow on `worker`.
    pub(crate) fn new(worker: &mut Worker) -> Self {
        let mut input = InputHandleVec::new();
        let probe = ProbeHandle::new();
        let inbox: Rc<RefCell<Vec<(u64, M)>>> = Rc::default();
        let collected = Rc::clone(&inbox);
        worker.dataflow::<u64, _, _>(|scope| {
            scope
                .input_from(&mut input)
                .unary::<CapacityContainerBuilder<Vec<()>>, _, _, _>(
                    ExchangePact::new(|(to, _, _): &(u64, u64, M)| *to),
                    "Deliver",
                    |_, _| {
                        move |input, _output| {
                            // Take the records, never copy them.
                            input.for_each(|_, records| {
                                collected.borrow_mut().extend(
                                    records
                                        .drain(..)
                                        .map(|(_, epoch, message)| (epoch, message)),
                                );
                            });
                        }
                    },
                )
                .probe_with(&probe);
        });
        Self {
            input,
            probe,
            inbox,
            epoch: 0,
            index: worker.index(),
            peers: worker.peers(),
            sent: 0,
        }
    }

    /// Sends `outgoing` (each to its worker), waits until every worker's
    /// messages of this round are delivered, and returns what this worker
    /// received, in no particular order.
    pub(crate) fn round(
        &mut self,
        worker: &mut Worker,
        outgoing: impl IntoIterator<Item = (usize, M)>,
    ) -> Vec<M> {
        for (to, message) in outgoing {
            self.sent += 1;
            self.input.send((to as u64, self.epoch, message));
        }
        let this = self.epoch;
        self.epoch += 1;
        self.input.advance_to(self.epoch);
        while self.probe.less_than(self.input.time()) {
            worker.step();
        }
        let mut inbox = self.inbox.borrow_mut();
        let (now, later): (Vec<_>, Vec<_>) = std::mem::take(&mut *inbox)
            .into_iter()
            .partition(|(epoch, _)| *epoch <= this);
        *inbox = later;
        now.into_iter().map(|(_, message)| message).collect()
    }

    /// Rounds run so far.
    pub(crate) fn epochs(&self) -> u64 {
        self.epoch
    }

    /// Every worker, for a message all of them receive.
    pub(crate) fn everyone(&self) -> std::ops::Range<usize> {
        0..self.peers
    }
}
