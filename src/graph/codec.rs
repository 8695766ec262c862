//! The byte codec under the tie store and the snapshot: little-endian
//! fixed-width values, LEB128 integers and length-prefixed texts. [`Writer`]
//! appends them to a buffer; [`ByteRead`] reads them back from any source of
//! bytes — a block in memory ([`Cursor`]) or a snapshot section streamed
//! from the file — failing with that source's error instead of panicking.

use crate::error::Fault;

/// Appends little-endian values to a byte buffer.
pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    pub(crate) fn u8(&mut self, value: u8) {
        self.0.push(value);
    }
    pub(crate) fn f32(&mut self, value: f32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    pub(crate) fn f64(&mut self, value: f64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    pub(crate) fn i64(&mut self, value: i64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }
    /// LEB128, for ids and small counts.
    pub(crate) fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.0.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
    }
    /// A length-prefixed UTF-8 text.
    pub(crate) fn str(&mut self, text: &str) {
        self.varint(text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
    }
    /// A presence flag, then the text if any.
    pub(crate) fn opt_str(&mut self, text: Option<&str>) {
        match text {
            Some(text) => {
                self.varint(1);
                self.str(text);
            }
            None => self.varint(0),
        }
    }
}

/// Reads back what [`Writer`] writes, from a source that says how it fails.
pub(crate) trait ByteRead {
    /// How reading fails (the source's position and what is wrong).
    type Error;

    /// Fills `buffer` with the next bytes, or fails when there are not enough.
    fn fill(&mut self, buffer: &mut [u8]) -> Result<(), Self::Error>;

    /// The error of a LEB128 integer longer than 64 bits.
    fn integer_too_long(&self) -> Self::Error;

    fn take<const N: usize>(&mut self) -> Result<[u8; N], Self::Error> {
        let mut out = [0_u8; N];
        self.fill(&mut out)?;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, Self::Error> {
        Ok(self.take::<1>()?[0])
    }
    fn f32(&mut self) -> Result<f32, Self::Error> {
        Ok(f32::from_le_bytes(self.take()?))
    }
    fn f64(&mut self) -> Result<f64, Self::Error> {
        Ok(f64::from_le_bytes(self.take()?))
    }
    fn i64(&mut self) -> Result<i64, Self::Error> {
        Ok(i64::from_le_bytes(self.take()?))
    }
    fn u64(&mut self) -> Result<u64, Self::Error> {
        Ok(u64::from_le_bytes(self.take()?))
    }
    /// A LEB128 integer of at most 64 bits.
    fn varint(&mut self) -> Result<u64, Self::Error> {
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(self.integer_too_long())
    }
}

/// Reads values from bytes in memory.
pub(crate) struct Cursor<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) position: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, position: 0 }
    }

    /// A LEB128 count of at most `limit`.
    pub(crate) fn count(&mut self, limit: usize) -> Result<usize, Fault> {
        let value = self.varint()?;
        usize::try_from(value)
            .ok()
            .filter(|count| *count <= limit)
            .ok_or(Fault::CountOutOfRange(value))
    }

    /// A length-prefixed UTF-8 text, as [`Writer::str`] writes it.
    pub(crate) fn str(&mut self) -> Result<String, Fault> {
        let length = self.count(self.bytes.len())?;
        let mut bytes = vec![0_u8; length];
        self.fill(&mut bytes)?;
        String::from_utf8(bytes).map_err(|_| Fault::NotUtf8)
    }

    /// A presence flag, then the text if any, as [`Writer::opt_str`] writes it.
    pub(crate) fn opt_str(&mut self) -> Result<Option<String>, Fault> {
        match self.varint()? {
            0 => Ok(None),
            _ => self.str().map(Some),
        }
    }

    /// True when every byte has been read.
    pub(crate) fn at_end(&self) -> bool {
        self.position == self.bytes.len()
    }
}

impl ByteRead for Cursor<'_> {
    type Error = Fault;

    fn fill(&mut self, buffer: &mut [u8]) -> Result<(), Fault> {
        let end = self.position + buffer.len();
        let slice = self
            .bytes
            .get(self.position..end)
            .ok_or(Fault::UnexpectedEnd)?;
        buffer.copy_from_slice(slice);
        self.position = end;
        Ok(())
    }

    fn integer_too_long(&self) -> Fault {
        Fault::IntegerTooLong
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARINTS: [u64; 7] = [0, 1, 0x7f, 0x80, 300, u32::MAX as u64, u64::MAX];

    /// One of every value the writer writes.
    fn encoded() -> Vec<u8> {
        let mut out = Writer(Vec::new());
        out.u8(7);
        out.f32(0.25);
        out.f64(-1.5e300);
        out.i64(i64::MIN);
        for value in VARINTS {
            out.varint(value);
        }
        out.str("Zoë");
        out.opt_str(None);
        out.opt_str(Some(""));
        out.0
    }

    /// Reads back what [`encoded`] wrote.
    fn decode(bytes: &[u8]) -> Result<(), Fault> {
        let mut input = Cursor::new(bytes);
        assert_eq!(input.u8()?, 7);
        assert_eq!(input.f32()?.to_bits(), 0.25_f32.to_bits());
        assert_eq!(input.f64()?.to_bits(), (-1.5e300_f64).to_bits());
        assert_eq!(input.i64()?, i64::MIN);
        for value in VARINTS {
            assert_eq!(input.varint()?, value);
        }
        assert_eq!(input.str()?, "Zoë");
        assert_eq!(input.opt_str()?, None);
        assert_eq!(input.opt_str()?.as_deref(), Some(""));
        assert!(input.at_end());
        Ok(())
    }

    #[test]
    fn every_value_round_trips() {
        decode(&encoded()).unwrap();
    }

    #[test]
    fn every_truncation_is_an_unexpected_end() {
        let bytes = encoded();
        for length in 0..bytes.len() {
            assert_eq!(
                decode(&bytes[..length]),
                Err(Fault::UnexpectedEnd),
                "cut at {length}"
            );
        }
    }

    #[test]
    fn a_text_that_is_not_utf8_is_refused_as_such() {
        let mut out = Writer(Vec::new());
        out.varint(2);
        out.0.extend_from_slice(&[0xc3, 0x28]);
        assert_eq!(Cursor::new(&out.0).str(), Err(Fault::NotUtf8));
    }

    #[test]
    fn varints_longer_than_64_bits_and_counts_past_their_limit_are_refused() {
        let too_long = [0xff_u8; 10];
        assert_eq!(Cursor::new(&too_long).varint(), Err(Fault::IntegerTooLong));
        let mut out = Writer(Vec::new());
        out.varint(17);
        assert_eq!(
            Cursor::new(&out.0).count(16),
            Err(Fault::CountOutOfRange(17))
        );
    }
}
