import assert from 'node:assert/strict';
import { IncidentService } from '../../../src/domain/incidents/incident-service.js';
import { readAudit } from '../../../src/domain/requests/audit.js';
import { NotAllowedError, ValidationError } from '../../../src/domain/requests/errors.js';
import { csvCell, exportRegister, toCsv } from '../../../src/domain/requests/registers.js';
import { RequestService } from '../../../src/domain/requests/request-service.js';
import { Trust } from '../../../src/domain/trust/trust.js';
import { FakeClock } from '../../support/fake-clock.js';
import {
  ADELE,
  ALEX,
  GRACE,
  LYNNE,
  MEGAN,
  parseCsv,
  PRIYA,
  rejectionOf,
  sampleTrust,
  TempStore,
  TOM,
} from './fixtures.js';

describe('CSV cells', () => {
  it('when a cell has commas, quotes or line breaks, then it is quoted with quotes doubled', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a, b'), '"a, b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line 1\nline 2'), '"line 1\nline 2"');
    assert.equal(csvCell('line 1\r\nline 2'), '"line 1\r\nline 2"');
    assert.equal(csvCell(' padded '), '" padded "');
  });

  it('when a cell would run as a spreadsheet formula, then it is prefixed with an apostrophe', () => {
    assert.equal(csvCell('=SUM(A1:A9)'), "'=SUM(A1:A9)");
    assert.equal(csvCell('+44 7700 900123'), "'+44 7700 900123");
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('@cmd'), "'@cmd");
    assert.equal(csvCell('\t=1'), "'\t=1");
    assert.equal(csvCell('=HYPERLINK("http://x","y"),1'), `"'=HYPERLINK(""http://x"",""y""),1"`);
    assert.equal(csvCell('a=b'), 'a=b', 'only a leading sign is dangerous');
  });

  it('when values are not text, then they are written plainly', () => {
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(true), 'yes');
    assert.equal(csvCell(false), 'no');
    assert.equal(csvCell(12), '12');
    assert.equal(csvCell(new Date('2025-03-03T09:00:00Z')), '2025-03-03T09:00:00.000Z');
  });

  it('when rows are joined, then lines end with CRLF and parse back to the same cells', () => {
    const rows = [
      ['a', 'b, c', 'd "e"'],
      ['multi\nline', '', '=1+1'],
    ];
    const csv = toCsv(rows);
    assert.ok(csv.endsWith('\r\n'));
    assert.deepEqual(parseCsv(csv), [
      ['a', 'b, c', 'd "e"'],
      ['multi\nline', '', "'=1+1"],
    ]);
  });
});

describe('register export', () => {
  let temp: TempStore;
  let clock: FakeClock;
  let trust: Trust;
  let requests: RequestService;
  let incidents: IncidentService;

  beforeEach(async () => {
    temp = await TempStore.create();
    clock = new FakeClock('2025-03-03T09:00:00.000Z');
    trust = await sampleTrust();
    requests = new RequestService({ store: temp.store, trust, clock });
    incidents = new IncidentService({ store: temp.store, trust, clock });
  });
  afterEach(() => temp.dispose());

  const deps = () => ({ store: temp.store, trust, clock });
  const rowsOf = (csv: string) => {
    assert.ok(csv.startsWith('\uFEFF'), 'starts with a BOM for Excel');
    return parseCsv(csv.slice(1));
  };

  it('when staff or the ops manager export, then it is refused; the IT manager and SLT may', async () => {
    for (const personId of [ALEX, TOM, LYNNE, 'stranger']) {
      assert.ok((await rejectionOf(exportRegister(deps(), { personId }, 'software'))) instanceof NotAllowedError, personId);
    }
    for (const personId of [MEGAN, ADELE, GRACE, PRIYA]) {
      assert.equal((await exportRegister(deps(), { personId }, 'software')).rowCount, 0);
    }
    assert.ok((await rejectionOf(exportRegister(deps(), { personId: MEGAN }, 'everything'))) instanceof ValidationError);
  });

  it('when software requests hold hostile text, then the CSV keeps it as text and escapes it', async () => {
    const hostile = await requests.submitRequest(
      { personId: ALEX },
      { kind: 'software', software: '=cmd|\' /C calc\'!A0', reason: 'Needs "quotes", commas,\nand a new line' },
    );
    await requests.decide({ personId: MEGAN }, { requestId: hostile.value.id, decision: 'reject', comment: '@not allowed' });
    clock.advanceHours(1);
    await requests.submitRequest({ personId: TOM }, { kind: 'software', software: 'Scratch', reason: 'Coding club' });

    const exported = await exportRegister(deps(), { personId: MEGAN, conversationId: 'conv-megan' }, 'software');
    assert.equal(exported.filename, 'software-requests-2025-03-03.csv');
    assert.equal(exported.rowCount, 2);
    const rows = rowsOf(exported.csv);
    assert.deepEqual(rows[0], [
      'Request id', 'Submitted', 'Requester', 'School', 'Software', 'Link', 'Device', 'Reason', 'Status',
      'Decided by', 'Decided at', 'Comment or reason', 'Policy reference',
    ]);
    assert.deepEqual(rows[1], [
      hostile.value.id, '2025-03-03T09:00:00+00:00', 'Alex Wilber', 'Oakfield Primary School', "'=cmd|' /C calc'!A0", '', '',
      'Needs "quotes", commas,\nand a new line', 'rejected', 'Megan Bowen', '2025-03-03T09:00:00+00:00', "'@not allowed", '4.2',
    ]);
    assert.equal(rows[2][2], 'Tom Reed');
    assert.equal(rows[2][3], 'Riverside Academy');

    const audit = await readAudit(temp.store);
    assert.deepEqual(
      audit.filter((e) => e.action === 'register.exported').map((e) => [e.actorId, e.subjectId, e.conversationId, e.detail?.rows]),
      [[MEGAN, 'software', 'conv-megan', 2]],
    );
  });

  it('when a school SLT member exports, then they see only their school', async () => {
    await requests.submitRequest({ personId: ALEX }, { kind: 'software', software: 'Audacity', reason: 'Podcasts' });
    await requests.submitRequest({ personId: TOM }, { kind: 'software', software: 'Scratch', reason: 'Coding club' });
    const forAdele = rowsOf((await exportRegister(deps(), { personId: ADELE }, 'software')).csv);
    assert.deepEqual(forAdele.slice(1).map((r) => r[4]), ['Audacity']);
    const forGrace = rowsOf((await exportRegister(deps(), { personId: GRACE }, 'software')).csv);
    assert.deepEqual(forGrace.slice(1).map((r) => r[4]), ['Scratch']);
    const forMegan = rowsOf((await exportRegister(deps(), { personId: MEGAN }, 'software')).csv);
    assert.equal(forMegan.length, 3);
  });

  it('when devices are declared, then the personal devices log lists only the approved ones', async () => {
    const declaration = {
      kind: 'personal_device',
      device: 'Own iPad',
      accesses: 'Email',
      screenLock: true,
      encryption: true,
      updates: true,
    };
    const approved = await requests.submitRequest({ personId: ALEX }, declaration);
    await requests.decide({ personId: MEGAN }, { requestId: approved.value.id, decision: 'approve' });
    await requests.submitRequest({ personId: ALEX }, { ...declaration, device: 'Own laptop' });
    const rows = rowsOf((await exportRegister(deps(), { personId: MEGAN }, 'personal_devices')).csv);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[1].slice(2, 11), ['Alex Wilber', 'Oakfield Primary School', 'Own iPad', 'Email', 'yes', 'yes', 'yes', 'Megan Bowen', '2025-03-03T09:00:00+00:00']);
  });

  it('when password sharing is approved, then its register shows who, what, when and that IT was told', async () => {
    const request = await requests.submitRequest(
      { personId: ALEX },
      { kind: 'password_sharing', sharedWithPersonId: TOM, system: 'SIMS', reason: 'Cover', from: '2025-03-03', until: '2025-03-04' },
    );
    await requests.decide({ personId: ADELE }, { requestId: request.value.id, decision: 'approve' });
    const rows = rowsOf((await exportRegister(deps(), { personId: ADELE }, 'password_sharing')).csv);
    assert.deepEqual(rows[1].slice(2, 15), [
      'Alex Wilber', 'Oakfield Primary School', 'Tom Reed', 'SIMS', 'Cover', '2025-03-03', '2025-03-04', 'approved',
      'Adele Vance', '2025-03-03T09:00:00+00:00', '', '3.4', '2025-03-03T09:00:00+00:00',
    ]);
  });

  it('when incidents are reported, then the breaches register shows the deadline, crime reference and status', async () => {
    const { value } = await incidents.reportIncident(
      { personId: ALEX },
      { item: 'laptop', circumstance: 'stolen', dataInvolved: 'yes', crimeReference: 'CR/1/25', location: 'Staff car park' },
    );
    await incidents.acknowledge({ personId: MEGAN }, value.id);
    const rows = rowsOf((await exportRegister(deps(), { personId: MEGAN }, 'incidents')).csv);
    assert.equal(rows.length, 2);
    const row = Object.fromEntries(rows[0].map((h, i) => [h, rows[1][i]]));
    assert.equal(row['Item'], 'Laptop');
    assert.equal(row['Lost or stolen'], 'stolen');
    assert.equal(row['Breach reporting deadline'], '2025-03-06T09:00:00+00:00');
    assert.equal(row['Crime reference'], 'CR/1/25');
    assert.equal(row['Where'], 'Staff car park');
    assert.equal(row['Status'], 'acknowledged');
    assert.equal(row['Acknowledged by'], 'Megan Bowen');
  });

  it('when a request is decided in British Summer Time, then the CSV gives local times in ISO 8601 with +01:00', async () => {
    clock.set('2025-06-30T22:30:00.000Z');
    const request = await requests.submitRequest({ personId: ALEX }, { kind: 'software', software: 'Audacity', reason: 'Podcasts' });
    clock.advanceHours(1);
    await requests.decide({ personId: MEGAN }, { requestId: request.value.id, decision: 'approve' });
    const exported = await exportRegister(deps(), { personId: MEGAN }, 'software');
    const row = Object.fromEntries(rowsOf(exported.csv)[0].map((h, i) => [h, rowsOf(exported.csv)[1][i]]));
    assert.equal(row['Submitted'], '2025-06-30T23:30:00+01:00');
    assert.equal(row['Decided at'], '2025-07-01T00:30:00+01:00');
    assert.equal(exported.filename, 'software-requests-2025-07-01.csv', 'the file is named after the local date');
  });

  it('when the trust file names another time zone, then the CSV uses it', async () => {
    trust = new Trust({ ...trust.data, timeZone: 'America/New_York' });
    requests = new RequestService({ store: temp.store, trust, clock });
    await requests.submitRequest({ personId: ALEX }, { kind: 'software', software: 'Audacity', reason: 'Podcasts' });
    const rows = rowsOf((await exportRegister(deps(), { personId: MEGAN }, 'software')).csv);
    assert.equal(rows[1][1], '2025-03-03T04:00:00-05:00');
  });

  it('when a record was purged, then the register still lists it without the free text', async () => {
    const request = await requests.submitRequest({ personId: ALEX }, { kind: 'software', software: 'Audacity', reason: 'Private reason' });
    await requests.decide({ personId: MEGAN }, { requestId: request.value.id, decision: 'approve', comment: 'ok' });
    clock.advanceDays(366);
    await requests.purgeExpiredFreeText();
    const rows = rowsOf((await exportRegister(deps(), { personId: MEGAN }, 'software')).csv);
    assert.equal(rows[1][4], 'Audacity');
    assert.equal(rows[1][7], '');
    assert.equal(rows[1][11], '');
  });
});
