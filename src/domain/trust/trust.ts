import { z } from 'zod';

/** Roles a person can hold, trust-wide or at one school. */
export const ROLES = ['staff', 'slt', 'headteacher', 'it_manager', 'ops_manager', 'dpc', 'ceo'] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of request staff can raise; routing for each lives in the trust file. */
export const REQUEST_KINDS = ['software', 'password_sharing', 'personal_device'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

const id = z.string().trim().min(1).max(100);

const roleAssignmentSchema = z.object({
  role: z.enum(ROLES),
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
});

const routeSchema = z.object({
  enabled: z.boolean().default(true),
  approverRole: z.enum(ROLES),
  fallbackRole: z.enum(ROLES).optional(),
  /** Approver must belong to the requester's school (e.g. an SLT member of that school). */
  sameSchool: z.boolean().default(false),
  /** Clause quoted when the kind is forbidden, or shown on the request card. */
  policyReference: z.string().max(200).optional(),
});

const routingSchema = z.object({
  software: routeSchema.optional(),
  password_sharing: routeSchema.optional(),
  personal_device: routeSchema.optional(),
});

/** What is lost or stolen decides who hears about it: ID badges also go to the School Operations Manager. */
export const INCIDENT_ROUTE_KEYS = ['device', 'id_badge'] as const;
export type IncidentRouteKey = (typeof INCIDENT_ROUTE_KEYS)[number];

const incidentRouteSchema = z.object({
  /** Told at once, with an Acknowledge card. */
  notifyRoles: z.array(z.enum(ROLES)).min(1),
  /** Also told when personal or confidential data may be involved (the data breach procedure). */
  dataBreachRoles: z.array(z.enum(ROLES)).default([]),
  /** Told instead when nobody holds the notify roles (e.g. the reporter is the only IT manager). */
  fallbackRole: z.enum(ROLES).optional(),
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

const defaultRouting = {
  software: { enabled: true, approverRole: 'it_manager', fallbackRole: 'headteacher', sameSchool: false },
  password_sharing: { enabled: true, approverRole: 'slt', fallbackRole: 'headteacher', sameSchool: true },
  personal_device: { enabled: true, approverRole: 'it_manager', fallbackRole: 'headteacher', sameSchool: false },
} as const;

export const trustSchema = z
  .object({
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
        exportRoles: z.array(z.enum(ROLES)).min(1).default(['it_manager', 'slt']),
      })
      .default({}),
    reminders: z
      .object({
        remindAfterHours: z.number().positive().default(24),
        escalateAfterHours: z.number().positive().default(48),
      })
      .default({}),
    retention: z.object({ freeTextDays: z.number().int().positive().default(365) }).default({}),
  })
  .superRefine((trust, ctx) => {
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

  /** Routing for a kind of request; a school's own override wins over the trust-wide entry. */
  route(kind: RequestKind, school?: string): Route {
    return this.school(school)?.routing?.[kind] ?? this.data.routing[kind] ?? routeSchemaDefaults(kind);
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

function routeSchemaDefaults(kind: RequestKind): Route {
  return { ...defaultRouting[kind] };
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
