import { z } from 'zod';
import { KIND_IDS, kindById } from '../requests/kinds.js';
import type { RouteDefaults } from '../requests/request-kind.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../time/zoned-time.js';

/**
 * A role is data: the trust file's `roles` list names them (with how people read them), so a new
 * kind can name a new role. Every role a person holds or routing names must be in that list.
 */
export type Role = string;

/** The roles of a trust file that lists none (files written before roles were data). */
const DEFAULT_ROLES = [
  { id: 'staff', label: 'Staff' },
  { id: 'slt', label: 'Senior Leadership Team' },
  { id: 'headteacher', label: 'Headteacher' },
  { id: 'it_manager', label: 'IT manager' },
  { id: 'ops_manager', label: 'School Operations Manager' },
  { id: 'dpc', label: 'Data Protection Champion' },
  { id: 'ceo', label: 'CEO' },
];
const roleName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,49}$/, 'a role is a short name in lower case, e.g. it_manager');

const id = z.string().trim().min(1).max(100);

const roleAssignmentSchema = z.object({
  role: roleName,
  /** A school id; omitted means the role is held trust-wide. */
  school: id.optional(),
});

const personSchema = z.object({
  id,
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().email(),
  /** Entra (Azure AD) object id: how Teams activities identify the person. */
  aadObjectId: z.string().trim().min(1).max(100),
  /** Teams user id ("29:..."), when known; learned from activities otherwise. */
  teamsUserId: z.string().trim().min(1).max(200).optional(),
  roles: z.array(roleAssignmentSchema).min(1),
  /** Other names colleagues use for the person ("Izzy"), matched like first names in messages. */
  aliases: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
});

/** For kinds routed by a field (e.g. which system): who authorises requests naming this value. */
const authoriserSchema = z.object({
  /** What the field is called by staff, e.g. "Arbor (MIS)"; matched without regard to case. */
  value: z.string().trim().min(1).max(200),
  /** Other names for it ("MIS", "pupil information"). */
  aliases: z.array(z.string().trim().min(1).max(100)).default([]),
  approverRole: roleName,
  fallbackRole: roleName.optional(),
});
export type Authoriser = z.infer<typeof authoriserSchema>;

const routeSchema = z.object({
  enabled: z.boolean().default(true),
  approverRole: roleName,
  fallbackRole: roleName.optional(),
  /** Approver must belong to the requester's school (e.g. an SLT member of that school). */
  sameSchool: z.boolean().default(false),
  /** Clause quoted when the kind is forbidden, or shown on the request card. */
  policyReference: z.string().max(200).optional(),
  authorisers: z.array(authoriserSchema).optional(),
});

/** Routing per request kind, keyed by the kind's id; every registered kind may appear. */
const routingSchema = z.record(z.string(), routeSchema).superRefine((routing, ctx) => {
  for (const key of Object.keys(routing)) {
    if (!KIND_IDS.includes(key)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `unknown request kind "${key}" (kinds are: ${KIND_IDS.join(', ')})` });
    }
  }
});

/** What is lost or stolen decides who hears about it: ID badges also go to the School Operations Manager. */
export const INCIDENT_ROUTE_KEYS = ['device', 'id_badge'] as const;
export type IncidentRouteKey = (typeof INCIDENT_ROUTE_KEYS)[number];

const incidentRouteSchema = z.object({
  /** Told at once, with an Acknowledge card. */
  notifyRoles: z.array(roleName).min(1),
  /** Also told when personal or confidential data may be involved (the data breach procedure). */
  dataBreachRoles: z.array(roleName).default([]),
  /** Told instead when nobody holds the notify roles (e.g. the reporter is the only IT manager). */
  fallbackRole: roleName.optional(),
  policyReference: z.string().max(200).optional(),
});
export type IncidentRoute = z.infer<typeof incidentRouteSchema>;

const defaultIncidentRouting: Record<IncidentRouteKey, IncidentRoute> = {
  device: { notifyRoles: ['it_manager'], dataBreachRoles: ['dpc', 'headteacher'], fallbackRole: 'headteacher' },
  id_badge: {
    notifyRoles: ['it_manager', 'ops_manager'],
    dataBreachRoles: ['dpc', 'headteacher'],
    fallbackRole: 'headteacher',
  },
};


const trustObjectSchema = z.object({
    trust: z.object({ id, name: z.string().trim().min(1).max(200) }),
    schools: z
      .array(
        z.object({
          id,
          name: z.string().trim().min(1).max(200),
          /** Per-school overrides of the trust-wide routing (e.g. a school that forbids password sharing). */
          routing: routingSchema.optional(),
        }),
      )
      .min(1),
    people: z.array(personSchema).min(1),
    /** Every role people hold or routing names, and how people read it ("IT manager"). */
    roles: z.array(z.object({ id: roleName, label: z.string().trim().min(1).max(100) })).min(1).default(DEFAULT_ROLES),
    /** Policy documents, relative to the trust file. */
    policies: z.array(z.string().trim().min(1)).min(1),
    routing: routingSchema.default({}),
    incidents: z
      .object({
        device: incidentRouteSchema.optional(),
        id_badge: incidentRouteSchema.optional(),
        /** UK GDPR: a reportable breach goes to the ICO within 72 hours of becoming aware of it. */
        breachReportHours: z.number().positive().default(72),
      })
      .default({}),
    registers: z
      .object({
        /** Roles allowed to export the registers as CSV; a school-level holder sees that school's rows. */
        exportRoles: z.array(roleName).min(1).default(['it_manager', 'slt']),
      })
      .default({}),
    reminders: z
      .object({
        remindAfterHours: z.number().positive().default(24),
        escalateAfterHours: z.number().positive().default(48),
      })
      .default({}),
    retention: z.object({ freeTextDays: z.number().int().positive().default(365) }).default({}),
    /** IANA time zone for dates staff and registers read; schools in England and Wales by default. */
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, { message: 'must be an IANA time zone such as "Europe/London"' })
      .default(DEFAULT_TIME_ZONE),
});

export const trustSchema = trustObjectSchema.superRefine((trust, ctx) => {
    checkRolesNamed(trust, ctx);
    const schoolIds = new Set(trust.schools.map((s) => s.id));
    const seen = new Map<string, string>();
    trust.people.forEach((person, i) => {
      person.roles.forEach((r, j) => {
        if (r.school && !schoolIds.has(r.school)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['people', i, 'roles', j, 'school'],
            message: `unknown school "${r.school}" (schools are: ${[...schoolIds].join(', ')})`,
          });
        }
      });
      for (const key of ['id', 'aadObjectId', 'email'] as const) {
        const value = `${key}:${person[key].toLowerCase()}`;
        if (seen.has(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['people', i, key],
            message: `duplicate ${key} "${person[key]}" (also used by ${seen.get(value)})`,
          });
        }
        seen.set(value, person.name);
      }
    });
  });

export type TrustFile = z.infer<typeof trustSchema>;
export type Person = TrustFile['people'][number];
export type School = TrustFile['schools'][number];
export type Route = z.infer<typeof routeSchema>;

/** A validated trust with the look-ups the rest of the bot needs. */
export class Trust {
  constructor(readonly data: TrustFile) {}

  get name(): string {
    return this.data.trust.name;
  }

  findByAadObjectId(aadObjectId: string | undefined): Person | undefined {
    if (!aadObjectId) return undefined;
    const wanted = aadObjectId.toLowerCase();
    return this.data.people.find((p) => p.aadObjectId.toLowerCase() === wanted);
  }

  /** How people read a role ("IT manager"). */
  roleLabel(role: Role): string {
    return this.data.roles.find((r) => r.id === role)?.label ?? role;
  }

  findById(personId: string): Person | undefined {
    return this.data.people.find((p) => p.id === personId);
  }

  school(schoolId: string | undefined): School | undefined {
    return this.data.schools.find((s) => s.id === schoolId);
  }

  /** The schools a person belongs to (any role held at a school). */
  schoolsOf(person: Person): string[] {
    return [...new Set(person.roles.flatMap((r) => (r.school ? [r.school] : [])))];
  }

  hasRole(person: Person, role: Role, school?: string): boolean {
    return person.roles.some((r) => r.role === role && (!school || !r.school || r.school === school));
  }

  /** People holding a role; with a school, those at that school plus trust-wide holders. */
  peopleWithRole(role: Role, school?: string): Person[] {
    return this.data.people.filter((p) => this.hasRole(p, role, school));
  }

  /** Routing for a kind of request; a school's own override wins over the trust-wide entry, then the kind's default. */
  route(kindOrId: string | { id: string; route: RouteDefaults }, school?: string): Route {
    const kind = typeof kindOrId === 'string' ? kindById(kindOrId) : kindOrId;
    if (!kind) throw new TypeError(`unknown request kind "${String(kindOrId)}"`);
    return (
      this.school(school)?.routing?.[kind.id] ??
      this.data.routing[kind.id] ?? { enabled: true, sameSchool: false, ...kind.route }
    );
  }

  /** Who hears about a lost or stolen item of this kind. */
  incidentRoute(key: IncidentRouteKey): IncidentRoute {
    const route = this.data.incidents?.[key] ?? defaultIncidentRouting[key];
    return { ...route, notifyRoles: [...route.notifyRoles], dataBreachRoles: [...route.dataBreachRoles] };
  }

  /** Hours from a report to the UK GDPR reporting deadline (72 unless the trust file says otherwise). */
  get breachReportHours(): number {
    return this.data.incidents?.breachReportHours ?? 72;
  }

  /** Roles that may export registers. */
  get registerExportRoles(): Role[] {
    return [...(this.data.registers?.exportRoles ?? ['it_manager', 'slt'])];
  }

  /**
   * Holders of a role for a school. With a school: those holding it at that school, plus trust-wide
   * holders unless `sameSchool`. Without a school: trust-wide holders only.
   */
  holdersOf(role: Role, school: string | undefined, options: { sameSchool?: boolean } = {}): Person[] {
    return this.data.people.filter((p) =>
      p.roles.some(
        (r) =>
          r.role === role &&
          (school === undefined ? r.school === undefined : r.school === school || (!options.sameSchool && !r.school)),
      ),
    );
  }
}

/** Every role people hold or routing names must be one the trust file's `roles` lists. */
function checkRolesNamed(trust: z.infer<typeof trustObjectSchema>, ctx: z.RefinementCtx): void {
  const known = new Set(trust.roles.map((r) => r.id));
  const check = (role: string | undefined, path: (string | number)[]) => {
    if (role !== undefined && !known.has(role)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `unknown role "${role}" (roles are: ${[...known].join(', ')})` });
    }
  };
  trust.people.forEach((p, i) => p.roles.forEach((r, j) => check(r.role, ['people', i, 'roles', j, 'role'])));
  trust.registers.exportRoles.forEach((r, i) => check(r, ['registers', 'exportRoles', i]));
  for (const key of ['device', 'id_badge'] as const) {
    const route = trust.incidents[key];
    route?.notifyRoles.forEach((r, i) => check(r, ['incidents', key, 'notifyRoles', i]));
    route?.dataBreachRoles.forEach((r, i) => check(r, ['incidents', key, 'dataBreachRoles', i]));
    check(route?.fallbackRole, ['incidents', key, 'fallbackRole']);
  }
  const checkRouting = (routing: Record<string, Route> | undefined, at: (string | number)[]) => {
    for (const [kind, route] of Object.entries(routing ?? {})) {
      check(route.approverRole, [...at, kind, 'approverRole']);
      check(route.fallbackRole, [...at, kind, 'fallbackRole']);
      route.authorisers?.forEach((a, i) => {
        check(a.approverRole, [...at, kind, 'authorisers', i, 'approverRole']);
        check(a.fallbackRole, [...at, kind, 'authorisers', i, 'fallbackRole']);
      });
    }
  };
  checkRouting(trust.routing, ['routing']);
  trust.schools.forEach((school, i) => checkRouting(school.routing, ['schools', i, 'routing']));
}

/** Human-readable lines for each problem in a trust file, e.g. `people[2].email: Invalid email`. */
export function describeTrustErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
      .join('');
    return `${path || '(top level)'}: ${issue.message}`;
  });
}

/** Validates parsed JSON as a trust file; throws a list of readable problems. */
export function parseTrust(json: unknown): Trust {
  const result = trustSchema.safeParse(json);
  if (!result.success) throw new TrustValidationError(describeTrustErrors(result.error));
  return new Trust(result.data);
}

export class TrustValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'TrustValidationError';
  }
}
