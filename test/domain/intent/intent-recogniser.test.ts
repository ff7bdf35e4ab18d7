import assert from 'node:assert/strict';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config.js';
import { createIntentRecogniser, readCalibration, readIntentCorpus } from '../../../src/adapters/intent/intent-files.js';
import { loadTrustFile } from '../../../src/adapters/trust-file/load-trust.js';
import { loadWordVectors } from '../../../src/adapters/policy-files/word-vectors.js';
import { IntentRecogniser, type Recognition } from '../../../src/domain/intent/intent-recogniser.js';
import { CORE_INTENTS, type SlotName, type Slots } from '../../../src/domain/intent/training-corpus.js';

// Tuesday 1 December 2026, 10:00 in London.
const NOW = new Date('2026-12-01T10:00:00Z');
const DIRECTORY = [
  { id: 'alex', name: 'Alex Wilber' },
  { id: 'adele', name: 'Adele Vance' },
  { id: 'isaiah', name: 'Isaiah Langer', aliases: ['Izzy'] },
  { id: 'tom-r', name: 'Tom Reed' },
  { id: 'tom-b', name: 'Tom Baker' },
];

describe('intent recogniser', function () {
  this.timeout(30000);
  let recogniser: IntentRecogniser;
  const recognise = (text: string): Promise<Recognition> => recogniser.recognise(text, { now: NOW, senderId: 'alex' });

  before(async () => {
    recogniser = await IntentRecogniser.create({ corpus: readIntentCorpus(), directory: DIRECTORY, threshold: 0.5 });
  });

  it('when trained from the corpus, then it knows the 17 intents of issue 11 and one per request kind folder', () => {
    const names = recogniser.intents();
    for (const name of [...CORE_INTENTS, 'data-off-site', 'connect-device', 'system-access', 'messaging-app']) assert.ok(names.includes(name), name);
  });

  it('when a colleague is named without "my" or "the", then it is a password-sharing request for that person, on the day named', async () => {
    const r = await recognise('Can Adele Vance use my login to take the register tomorrow while I am on a trip?');
    assert.equal(r.intent, 'password-sharing');
    assert.deepEqual({ to: r.slots.to, from: r.slots.from, until: r.slots.until }, { to: 'Adele Vance', from: '2026-12-02', until: '2026-12-02' });
  });

  it('when a name has its possessive ending ("Isaiah\'s covering"), then it is still that person', async () => {
    assert.equal(recogniser.slotsFor("Isaiah's covering my approvals until friday", 'delegate', { now: NOW, senderId: 'alex' }).slots.to, 'Isaiah Langer');
    assert.equal(recogniser.slotsFor('izzy’s doing my sign-offs this week', 'delegate', { now: NOW, senderId: 'alex' }).slots.to, 'Isaiah Langer');
  });

  it('when someone is named by title and surname ("Mrs Vance", "mr reed"), then it is that person, though their first name fits two', () => {
    assert.equal(recogniser.slotsFor('can Mrs Vance use my login tomorrow', 'password-sharing', { now: NOW, senderId: 'alex' }).slots.to, 'Adele Vance');
    const reed = recogniser.slotsFor('mr reed is covering my approvals till friday', 'delegate', { now: NOW, senderId: 'alex' });
    assert.deepEqual({ to: reed.slots.to, choices: reed.toChoices }, { to: 'Tom Reed', choices: undefined });
  });

  it('when someone is named by an alias, then the slot holds their display name', async () => {
    const r = await recognise('away until friday, Izzy can approve things');
    assert.equal(r.intent, 'delegate');
    assert.equal(r.slots.to, 'Isaiah Langer');
    assert.equal(r.slots.until, '2026-12-04', 'friday is the coming one, not last week');
  });

  it('when a first name fits two people, then neither is guessed and both are offered', async () => {
    const r = await recognise('I want to share my password with Tom');
    assert.equal(r.intent, 'password-sharing');
    assert.equal(r.slots.to, undefined);
    assert.deepEqual(r.toChoices?.sort(), ['Tom Baker', 'Tom Reed']);
  });

  it('when a request lasts one lesson, then it ends today and its start is left to the form', async () => {
    for (const text of ['can the cover teacher use my SIMS password for one lesson', 'can the cover teacher use my SIMS password for 1 lesson']) {
      const r = await recognise(text);
      assert.equal(r.intent, 'password-sharing', text);
      assert.deepEqual([r.slots.from, r.slots.until, r.slots.system], [undefined, '2026-12-01', 'SIMS'], text);
    }
  });

  it('when small talk is typed in texting shorthand, then it is small talk, not a policy question', async () => {
    assert.equal((await recognise('nvm')).intent, 'cancel');
    assert.equal((await recognise('thx')).intent, 'thanks');
    assert.equal((await recognise('what can u do')).intent, 'help');
  });

  it('when a loss is reported, then the device and whether it was stolen are slots', async () => {
    const r = await recognise('someone has pinched my iPad from the car');
    assert.equal(r.intent, 'lost-device');
    assert.deepEqual(r.slots, { device: 'iPad', lostOrStolen: 'stolen' });
  });

  it('when software is asked for, then its name is the slot, capitalised as a name', async () => {
    const r = await recognise('please could you install audacity on my laptop');
    assert.equal(r.intent, 'software-install');
    assert.equal(r.slots.software, 'Audacity');
  });

  it('when no word of the message is known, then the recogniser is not confident and nothing is caught: the bot\'s help, not the policy', async () => {
    const r = await recognise('zxqv blorp');
    assert.deepEqual({ intent: r.intent, caught: r.caught }, { intent: 'help', caught: false });
    assert.equal(r.confident, false);
  });

  it('when a device was left, forgotten or taken somewhere, then it is a loss to report, not a device to declare', async () => {
    // "went missing" says it is gone, not whether it was lost or taken: the form asks.
    const cases = { 'forgot my work phone at the restaurant': 'lost', 'my iPad went missing at the swimming gala': undefined, 'someone swiped my USB drive from the library': 'stolen' };
    for (const [text, loss] of Object.entries(cases)) {
      const r = await recognise(text);
      assert.equal(r.intent, 'lost-device', text);
      assert.ok(r.slots.device, `${text}: ${JSON.stringify(r.slots)}`);
      assert.equal(r.slots.lostOrStolen, loss, text);
    }
    for (const text of ['I want school email on my own laptop', 'can I use my personal iPad for planning']) assert.equal((await recognise(text)).intent, 'personal-device', text);
  });

  it('when a message has words the intent never saw, then its confidence is below that of a message like its examples', async () => {
    const familiar = await recognise('I have lost my laptop');
    // Words no example uses ("aquarium", "quiz"); "forgot my work phone at the restaurant" is like the labelled sets' messages now.
    const strange = await recognise('forgot my work phone at the aquarium after the quiz night');
    assert.equal(strange.intent, 'lost-device');
    assert.ok(strange.confidence < familiar.confidence, `${strange.confidence} < ${familiar.confidence}`);
    assert.ok(strange.confidence < 1);
  });

  it('when a question about something else shares only function words with a request, then the policy gets it and no request is offered', async () => {
    const r = await recognise('can the caretaker lend me a stepladder?');
    assert.equal(r.intent, 'question');
    assert.deepEqual(r.alternatives, []);
  });

  describe('as the bot builds it (calibrated, with word vectors and the trust\'s systems)', () => {
    let built: IntentRecogniser;
    const read = (text: string): Promise<Recognition> => built.recognise(text, { now: NOW, senderId: 'alex' });
    /** Reads the message and checks its intent and each slot given (the others are not checked). */
    const expectRead = async (text: string, intent: string, slots: Slots = {}): Promise<void> => {
      const r = await read(text);
      assert.equal(r.intent, intent);
      for (const [name, value] of Object.entries(slots)) assert.equal(r.slots[name as SlotName], value);
    };

    before(async () => {
      const systems = [{ name: 'Evolve (trips)', aliases: ['Evolve', 'trips system'] }];
      built = await IntentRecogniser.create({ corpus: readIntentCorpus(), directory: DIRECTORY, systems, ...readCalibration(), vectors: loadWordVectors() });
    });

    it('when a system the trust names is asked for, then the slot holds it as typed', async () => {
      await expectRead('I need access to the trips system please', 'system-access', { system: 'trips system' });
    });

    it('when a request is asked as a question about the rules, then the policy answers it and the request is the other choice', async () => {
      const r = await read('are staff allowed to plug a printer into the school network?');
      assert.equal(r.intent, 'question');
      const mine = await read('can my TA use my login?');
      assert.equal(mine.intent, 'password-sharing');
    });

    it('when a service is named after a verb of use, even a word no dictionary knows, then it is the software slot', async () => {
      assert.equal((await read('permission to use Seesaw for my class newsletter')).slots.software, 'Seesaw');
      await expectRead('can i use flipgrid with year 9', 'messaging-app', { software: 'Flipgrid' });
    });

    it('when a system the trust does not name is asked for as "X access", then the slot holds it, and no date is made up', async () => {
      const r = await read('can I get scholarpack access please');
      assert.equal(r.intent, 'system-access');
      assert.deepEqual(r.slots, { system: 'Scholarpack' });
    });

    it('when a confident guess names the system it takes, then it stands though the reasons around it are words the examples never used', async () => {
      await expectRead('can I get scholarpack access, I have been made head of year for the spring', 'system-access', { system: 'Scholarpack' });
    });

    it('when software is named where no learned context tells it, then the word written as a name is the slot: not a class code, shorthand, a typo, a person or a device', () => {
      const software = (text: string) => built.slotsFor(text, 'software-install', { now: NOW, senderId: 'alex' }).slots.software;
      assert.equal(software('GeoGebra on my laptop please'), 'GeoGebra');
      assert.equal(software('would it be possible to have Tinkercad set up for DT?'), 'Tinkercad');
      assert.equal(software('any chance of getting Audacity on here?'), 'Audacity');
      assert.equal(software('so y6 are doing a composing project and musescore would be great for it'), 'Musescore');
      assert.equal(software('can Adele get Zoom on the hall pc'), 'Zoom');
      assert.equal(software('can u instal it on my ipad'), undefined);
    });

    it('when software goes on a device named by a word before it ("the IWB laptop"), a listed product sits among other names, or a version follows the name, then the slot is the product with its version', () => {
      const software = (text: string) => built.slotsFor(text, 'software-install', { now: NOW, senderId: 'alex' }).slots.software;
      assert.equal(software('could you pop Kahoot on the IWB laptop in Y3'), 'Kahoot');
      assert.equal(software('hi, DT need fusion 360 putting on the CAD suite before the INSET day, the kids start their NEA in jan'), 'Fusion 360');
      assert.equal(software('please could I request Scratch 3 to be installed on the ICT suite computers'), 'Scratch 3');
    });

    it('when a device is named with its model ("iphone 15", "Surface Go", "my own Pixel 8") or its kind word names another thing ("usb mic"), then the slot holds them together', () => {
      const device = (text: string, intent: string) => slotsAs(text, intent).device;
      assert.equal(device("i'd like to use my own iphone 15 for work email", 'personal-device'), 'iphone 15');
      assert.equal(device('can i get my work email on my own Pixel 8', 'personal-device'), 'Pixel 8');
      assert.equal(device('the Surface Go I use for PE has vanished from the office', 'lost-device'), 'Surface Go');
      assert.equal(device('can i plug a usb mic into the hall laptop', 'connect-device'), 'usb mic');
      // A verb after a device is not its model; a year group is not a device.
      assert.equal(device('my phone went missing', 'lost-device'), 'phone');
      assert.equal(device('can i take my year 8 reports home', 'data-off-site'), undefined);
    });

    it('when software is asked for beside a device named by its model, then the model is not the software', () => {
      assert.equal(slotsAs('can i use my own Pixel 8 for teams', 'messaging-app').software, undefined);
    });

    it('when a system\'s login is typed as two words ("my Tapestry log in"), then the system ends before them', () => {
      assert.equal(slotsAs('can my TA use my Tapestry log in this afternoon', 'password-sharing').system, 'Tapestry');
      assert.equal(slotsAs('can my TA use my Tapestry login to add observations', 'password-sharing').system, 'Tapestry');
    });

    it('when a version number follows a software name, then it is part of the name', async () => {
      assert.equal(built.slotsFor('please install Scratch 3 on the ICT suite', 'software-install', { now: NOW }).slots.software, 'Scratch 3');
    });

    it('when a device is typed with its brand or kind before it, or in the plural, then the slot holds it as typed; an owner word stays out', async () => {
      assert.equal((await read('I want to connect a bluetooth keyboard to my classroom PC')).slots.device, 'bluetooth keyboard');
      assert.equal(built.slotsFor('can the science team plug microscopes into the lab computers', 'connect-device', { now: NOW }).slots.device, 'microscopes');
      assert.equal((await read('my school laptop was stolen from the car')).slots.device, 'laptop');
    });

    const slotsAs = (text: string, intent: string) => built.slotsFor(text, intent, { now: NOW }).slots;

    it('when a colleague the directory knows is named in a status check ("has izzy approved …"), then they are never the thing asked about', () => {
      assert.equal(slotsAs('has izzy approved the thing yet', 'my-requests').software, undefined);
    });

    it('when a system ends in a word for a kind of system ("the exam board portal"), then all of it is the system', () => {
      assert.equal(slotsAs('can adele use my account on the exam board portal tomorrow', 'password-sharing').system?.toLowerCase(), 'exam board portal');
    });

    it('when a name is followed by a verb form ("scratch putting on", "youtube unblocked on"), then the name ends before it; a participle before a noun stays ("shared drive")', () => {
      assert.equal(slotsAs('need scratch putting on the ict suite machines for year 5', 'software-install').software, 'Scratch');
      assert.equal(slotsAs('need youtube unblocked on my account to show clips', 'messaging-app').software, 'Youtube');
      assert.equal(slotsAs('please give me access to the SEN shared drive', 'system-access').system, 'SEN shared drive');
    });

    it('when a status check names a kind of thing, a loss, a pronoun or a phrasal verb, then none of it is taken as software', () => {
      for (const text of ['where are my requests up to', 'did my password sharing request get signed off', 'status of my lost laptop report', 'has anyone looked at my laptop report yet']) {
        assert.equal(slotsAs(text, 'my-requests').software, undefined, text);
      }
      assert.equal(slotsAs('has my geogebra request been approved yet', 'my-requests').software, 'Geogebra');
    });

    it('when a system is typed in lower case, then it is taken if no dictionary knows it, or its login follows "my"; an English word before "access" is not a system', () => {
      assert.equal(slotsAs('need access to cpoms', 'system-access').system, 'Cpoms');
      assert.equal(slotsAs('the supply will need my teams login to get at the lesson plans', 'password-sharing').system, 'Teams');
      assert.equal(slotsAs('pls can i have temporary access to the finance system', 'system-access').system, 'Finance system');
      assert.equal(slotsAs('request to share password w/ sam from monday', 'password-sharing').system, undefined);
      assert.equal(slotsAs('can Kirsty use my login, im on the y6 residential', 'password-sharing').system, undefined);
    });

    it('when a system is entered as one\'s own ("get into my email"), then it is the system, whatever comes after; "on my behalf", "for my class" are not systems', () => {
      assert.equal(slotsAs('aisha needs to get into my email to sort the trip letters', 'password-sharing').system, 'Email');
      assert.equal(slotsAs('can adele sign in on my behalf', 'password-sharing').system, undefined);
      assert.equal(slotsAs('can adele use my login for my class', 'password-sharing').system, undefined);
    });

    it('when a date with its "till" follows a system, then the system ends there as at the end of the message', () => {
      const s = slotsAs('can I have access to the finance system till friday', 'system-access');
      assert.deepEqual({ system: s.system, until: s.until }, { system: 'Finance system', until: '2026-12-04' });
    });

    it('when a device follows a phrasal verb ("hook up my Raspberry Pi to …"), then the verb before the particle tells it', () => {
      assert.equal(slotsAs("I'd like to hook up my Raspberry Pi to the school wifi", 'connect-device').device, 'Raspberry Pi');
    });

    it('when a known device comes after "to" and another thing is named first, then the first is the device; alone, the known one still is', () => {
      assert.equal(slotsAs('pls can we hook up the microbits to the computers in the ict suite', 'connect-device').device?.toLowerCase(), 'microbits');
      assert.equal(slotsAs('I want to connect a bluetooth speaker to the classroom PC', 'connect-device').device, 'bluetooth speaker');
      assert.equal(slotsAs('can I get something plugged into the classroom pc', 'connect-device').device, 'pc');
      assert.equal(slotsAs('I would like to plug my Raspberry Pi into the classroom computer', 'connect-device').device, 'Raspberry Pi');
    });

    it('when a phrase of a preposition follows a name, then the name ends there as at the end of the message', () => {
      assert.equal(slotsAs('need edit access to the shared drive for the english department', 'system-access').system, 'Shared drive');
      assert.equal(slotsAs('the music dept want to use spotify in lessons', 'messaging-app').software, 'Spotify');
    });

    it('when a contraction follows a word ("while I\'m on the trip"), then it is a function word, never part of a name', () => {
      assert.equal(slotsAs("can my TA use my login to do the register while I'm on the trip", 'password-sharing').system, undefined);
    });

    it('when the words before a place start with a verb form ("printing pupil info"), then they are not a device', () => {
      assert.equal(slotsAs('rules on printing pupil info at home?', 'data-off-site').device, undefined);
    });

    it('when a colleague is named by first name only, in lower case, then the slot holds the one person it fits', async () => {
      await expectRead('can adele use my login tomorrow', 'password-sharing', { to: 'Adele Vance' });
    });

    it('when a request sits in one clause and the reasons in others, then the request is recognised: words no example uses do not send it to the policy', async () => {
      await expectRead('can isaiah do my approvals until friday, im at a funeral in wales', 'delegate', { to: 'Isaiah Langer' });
    });

    it('when the whole message\'s guess falls short of known words, then a request in form still takes the intent its request clause asks for, not the policy', async () => {
      const text = 'im on the year 4 trip to the farm weds and thurs and the cover teacher will need my sims login to get at the planning, can i give it to her? nothing else on there is sensitive';
      await expectRead(text, 'password-sharing', { system: 'Sims' });
    });

    it('when a date or a colleague the directory knows is named, then their words count for nothing in the share of known words: they say when and who, not what', () => {
      assert.equal(built.knownShare('anything waiting for me till friday', 'waiting-for-me'), built.knownShare('anything waiting for me', 'waiting-for-me'));
      assert.equal(built.knownShare('anything waiting for me from adele since monday', 'waiting-for-me'), 1);
      assert.equal(built.knownShare('has adele sent me anything to sign off', 'waiting-for-me'), built.knownShare('has anyone sent me anything to sign off', 'waiting-for-me'));
    });

    it('when someone asks for their own case ("is it ok if i…", "how do i get my…"), then the request starts; asked about the rules in general ("are staff allowed", "why can\'t i", "who decides"), the policy answers', async () => {
      assert.equal((await read('is it ok if i use flipgrid for my tutor group')).intent, 'messaging-app');
      assert.equal((await read('how do i get my ipad added to the devices register')).intent, 'personal-device');
      for (const text of ['are staff allowed to use flipgrid with their tutor groups', "why can't i install scratch on my laptop", 'who decides which apps we can use']) {
        assert.equal((await read(text)).intent, 'question', text);
      }
    });

    it('when a message has no word the policy\'s questions use, then a sure conversational guess is taken and otherwise nothing is caught: never the policy', async () => {
      assert.equal((await read('actually dont worry ill sort it myself')).intent, 'cancel');
      // "brb" is goodbye in two sets written by others (blind 7 and 8), which the recogniser learns from.
      assert.equal((await read('brb')).intent, 'goodbye');
      const r = await read('zzzz');
      assert.deepEqual({ intent: r.intent, caught: r.caught }, { intent: 'help', caught: false });
    });

    it('when an everyday question about something else uses common words, then the policy gets it and no form is offered', async () => {
      for (const text of ['my partner wants to use my school laptop for some online shopping tonight', 'can I fly my drone over the school field?']) {
        const r = await read(text);
        assert.equal(r.intent, 'question', text);
        assert.ok(r.alternatives.every((a) => a.score >= (readCalibration().floor ?? 0)), text);
      }
    });
  });

  describe('as the bot builds it for the sample trust (with WordNet\'s verbs and words)', () => {
    it('when the whole message\'s guess falls short and one clause alone looks like a sure request, then the clause\'s sureness does not overrule the rest: the policy answers', async () => {
      const recogniser = await createIntentRecogniser(await loadTrustFile(path.join(PROJECT_ROOT, 'samples', 'trust.json')));
      const r = await recogniser.recognise('just checking the rules - can we use dropbox to share planning with other schools in the trust', { now: NOW });
      assert.equal(r.intent, 'question');
    });

    it('when small talk is all one unknown word that reads as an app ("ok ttfn"), then it is not a request: a goodbye, or the bot says it did not catch that', async () => {
      const recogniser = await createIntentRecogniser(await loadTrustFile(path.join(PROJECT_ROOT, 'samples', 'trust.json')));
      const r = await recogniser.recognise('ok ttfn', { now: NOW });
      assert.ok(r.intent === 'goodbye' || (r.intent === 'help' && r.caught === false), `${r.intent} ${r.caught}`);
    });
  });
});
