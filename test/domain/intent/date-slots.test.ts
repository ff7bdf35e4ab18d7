import assert from 'node:assert/strict';
import { readIntentCorpus } from '../../../src/adapters/intent/intent-files.js';
import { dateSlots } from '../../../src/domain/intent/date-slots.js';
import { IntentRecogniser } from '../../../src/domain/intent/intent-recogniser.js';

// Wednesday 2 December 2026, 10:00 in London.
const NOW = new Date('2026-12-02T10:00:00Z');
const ZONE = 'Europe/London';

describe('date slots', function () {
  this.timeout(30000);

  it('when a day typed without a year passed lately, then it is this year\'s, never one a year ahead', () => {
    assert.equal(dateSlots('back on 30 nov', NOW, ZONE).until, '2026-11-30');
    assert.equal(dateSlots('until 1/12', NOW, ZONE).until, '2026-12-01');
    const range = dateSlots('from 28 nov to 3 dec', NOW, ZONE);
    assert.deepEqual({ from: range.from, until: range.until }, { from: '2026-11-28', until: '2026-12-03' });
  });

  it('when a day typed without a year is still to come, or the year is typed, then it keeps its forward reading', () => {
    assert.equal(dateSlots('until 10 jan', NOW, ZONE).until, '2027-01-10');
    assert.equal(dateSlots('until 30 june', NOW, ZONE).until, '2027-06-30');
    assert.equal(dateSlots('until 1 dec 2027', NOW, ZONE).until, '2027-12-01');
  });

  const ends = (text: string) => {
    const d = dateSlots(text, NOW, ZONE);
    return { from: d.from, until: d.until };
  };

  it('when a message names a week, then it is that school week, Monday (or today) to Friday, not one day a week ahead', () => {
    assert.deepEqual(ends('can Sam use my login next week while I am on a course'), { from: '2026-12-07', until: '2026-12-11' });
    assert.deepEqual(ends('pass my approvals to Sam this week'), { from: '2026-12-02', until: '2026-12-04' });
    assert.deepEqual(ends('back next week'), { from: undefined, until: '2026-12-07' });
    assert.deepEqual(ends('from next week'), { from: '2026-12-07', until: undefined });
    const saturday = dateSlots('this week', new Date('2026-12-05T10:00:00Z'), ZONE);
    assert.deepEqual({ from: saturday.from, until: saturday.until }, { from: '2026-12-07', until: '2026-12-11' });
    assert.deepEqual(ends('good morning'), { from: undefined, until: undefined });
  });

  it('when a part of the day names no day ("Good morning"), then it is no date: the day the message names is', () => {
    assert.deepEqual(ends('Good morning. I will be absent on Friday for a hospital appointment.'), { from: '2026-12-04', until: '2026-12-04' });
    assert.deepEqual(ends('we want a page for the open evening'), { from: undefined, until: undefined });
  });

  it('when the same end is said twice ("till monday … till monday"), then it is still only the end', () => {
    assert.deepEqual(ends("shiv cant reset it till monday, so can he use mine till monday?"), { from: undefined, until: '2026-12-07' });
    assert.deepEqual(ends('on friday, back friday'), { from: '2026-12-04', until: '2026-12-04' });
  });

  it('when a day of the month is typed alone with its ordinal ("till the 14th", "Friday 11th"), then it is the next such day, this month or next', () => {
    assert.deepEqual(ends('please give me access until the 18th'), { from: undefined, until: '2026-12-18' });
    assert.deepEqual(ends('back by the 10th'), { from: undefined, until: '2026-12-10' });
    assert.deepEqual(ends('on leave from Monday 7th to Friday 11th'), { from: '2026-12-07', until: '2026-12-11' });
    assert.deepEqual(ends('off till the 1st'), { from: undefined, until: '2027-01-01' });
    assert.deepEqual(ends('she is in my 2nd year group'), { from: undefined, until: undefined });
  });

  it('when a single day follows "from", then it is the start only', () => {
    assert.deepEqual(ends('share my password with sam for evolve from mon 7th dec'), { from: '2026-12-07', until: undefined });
    assert.deepEqual(ends('going on leave from friday, malcolm will approve things'), { from: '2026-12-04', until: undefined });
  });

  it('when a day sits inside a phrase of duration ("just for today"), then it ends today and says nothing of the start', () => {
    assert.deepEqual(ends('ok if nadia logs in as me, just for today'), { from: undefined, until: '2026-12-02' });
  });

  it('when a second date comes before the first, or a year group looks like a year, then neither is taken as the end', () => {
    assert.deepEqual(ends('to the case conference tomorrow, back in school the same afternoon'), { from: '2026-12-03', until: '2026-12-03' });
    assert.deepEqual(ends('take the year 11 mock results home, would return them friday'), { from: undefined, until: '2026-12-04' });
  });

  it('when a day is typed in texting shorthand ("tmw", "2moro", "2day"), then it is the day it spells out', () => {
    assert.deepEqual(ends('can sam use my login tmw'), { from: '2026-12-03', until: '2026-12-03' });
    assert.deepEqual(ends('off 2moro, back friday'), { from: '2026-12-03', until: '2026-12-04' });
    assert.deepEqual(ends('need it 2day'), { from: '2026-12-02', until: '2026-12-02' });
  });

  it('when a weekday is cut short as people type it ("weds", "tues", "thur"), then it is that weekday, read as chrono reads the full name', () => {
    assert.deepEqual(ends('can sam use my login on weds'), { from: '2026-12-02', until: '2026-12-02' });
    assert.deepEqual(ends('off from tues till thur'), { from: '2026-12-08', until: '2026-12-10' });
    assert.deepEqual(ends('back next weds'), { from: undefined, until: '2026-12-09' });
    assert.deepEqual(ends('the sunshine club'), { from: undefined, until: undefined });
  });

  it('when a day ends "at the end of the day", then it ends today; "the day" alone is no date', () => {
    assert.deepEqual(ends('can sam use my login until the end of the day'), { from: undefined, until: '2026-12-02' });
    assert.deepEqual(ends('i will hand it in on the day'), { from: undefined, until: undefined });
  });

  it('when a length of time is counted from now ("for two weeks", "a week from today"), then it says when it ends, not when it starts', () => {
    assert.deepEqual(ends('can sam use my login for two weeks'), { from: undefined, until: '2026-12-16' });
    assert.deepEqual(ends('off for a week from today'), { from: undefined, until: '2026-12-09' });
    assert.deepEqual(ends('covering for the next 3 days'), { from: undefined, until: '2026-12-05' });
    // A start typed with it stays the start; a length not counted from now is no date.
    assert.deepEqual(ends('off from tomorrow for a week'), { from: '2026-12-03', until: '2026-12-09' });
    assert.deepEqual(ends("i still don't have arbor and i've been here 2 weeks"), { from: undefined, until: undefined });
  });

  it('when a word in capitals reads as a weekday ("SATs"), then it is an acronym, not Saturday', () => {
    assert.deepEqual(ends('need a login to do the KS2 SATs registrations'), { from: undefined, until: undefined });
  });

  it('when a day follows "back in" or "back at school on", then it is the day of coming back', () => {
    assert.deepEqual(ends('taking the mock data home to do the analysis, back in on monday'), { from: undefined, until: '2026-12-07' });
    assert.deepEqual(ends('back at school on friday'), { from: undefined, until: '2026-12-04' });
    assert.deepEqual(ends('working in school on friday'), { from: '2026-12-04', until: '2026-12-04' });
  });

  it('when a named week comes with a later day, then it starts on its Monday', () => {
    assert.deepEqual(ends("the residential is next week, we're back on the 11th"), { from: '2026-12-07', until: '2026-12-11' });
  });

  it('when a time of today is named ("this afternoon"), then it is a one-day thing today; "for the afternoon" says only when it ends', () => {
    assert.deepEqual(ends("Preet needs my login while I'm out this afternoon"), { from: '2026-12-02', until: '2026-12-02' });
    assert.deepEqual(ends('can Preet use my login for the afternoon'), { from: undefined, until: '2026-12-02' });
  });

  describe('for a request whose start is optional (data off site, system access)', () => {
    let recogniser: IntentRecogniser;
    before(async () => {
      recogniser = await IntentRecogniser.create({ corpus: readIntentCorpus(), directory: [], threshold: 0.5 });
    });
    const slots = (text: string, intent: string) => recogniser.slotsFor(text, intent, { now: NOW }).slots;

    it('when a lone day says when it happens ("tonight", "on Thursday"), then it is the start and no end date is filled', () => {
      assert.deepEqual(slots('need to take the sen files home tonight to finish the reviews', 'data-off-site'), { from: '2026-12-02' });
      assert.deepEqual(slots('taking the reading records to the moderation meeting on Thursday', 'data-off-site'), { from: '2026-12-03' });
      assert.equal(slots('can i take the pupil reports home to finish over the weekend', 'data-off-site').until, undefined);
    });

    it('when the message says when access starts, then the start is filled, with the end where it is said', () => {
      assert.equal(slots('need tapestry access for the nursery class from tomorrow', 'system-access').from, '2026-12-03');
      const both = slots('access to CPOMS from monday till 18/12', 'system-access');
      assert.deepEqual({ from: both.from, until: both.until }, { from: '2026-12-07', until: '2026-12-18' });
    });

    it('when the day comes with a word of ending, then it is the end date, and a form with an end field takes it', () => {
      assert.equal(slots('taking the contact list off site for the residential, back friday', 'data-off-site').until, '2026-12-04');
      assert.equal(slots('pls give me edit access to Bromcom until 18 dec', 'system-access').until, '2026-12-18');
    });

    it('when the day is named from today ("today", "tomorrow"), then it is a one-day thing and its end', () => {
      assert.equal(slots('could i take the safeguarding folder to the case conference tomorrow', 'data-off-site').until, '2026-12-03');
      assert.equal(slots('need access to the coursework portal today please', 'system-access').until, '2026-12-02');
    });

    it('when a system is named before a date\'s "until", then the word of ending still ends the name', () => {
      assert.deepEqual(slots('need the coursework portal until wednesday', 'system-access'), { system: 'Coursework portal', until: '2026-12-02' });
    });

    it('when a request has both ends, then a lone day is still both its start and its end', () => {
      const s = slots('can Adele use my SIMS login today', 'password-sharing');
      assert.deepEqual({ from: s.from, until: s.until }, { from: '2026-12-02', until: '2026-12-02' });
    });
  });
});
