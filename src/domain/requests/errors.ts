import type { ZodError } from 'zod';

/**
 * Base of every refusal the requests and incidents domain can give. `message` is written for the
 * person who tried the action, so the Teams layer can show it as it is.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** Input that does not pass its schema; `problems` holds one friendly line per problem. */
export class ValidationError extends DomainError {
  readonly code = 'validation';
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'ValidationError';
  }

  static fromZod(error: ZodError): ValidationError {
    return new ValidationError([...new Set(error.issues.map((issue) => issue.message))]);
  }
}

/** No such request, incident or person (also what a forged id gets). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(what: string) {
    super(`I couldn't find that ${what}. It may have been removed, or the link is out of date.`);
    this.name = 'NotFoundError';
  }
}

/** The person may not do this; `current` is the record as stored, unchanged, when there is one. */
export class NotAllowedError<T = unknown> extends DomainError {
  readonly code = 'not_allowed';
  constructor(
    message: string,
    readonly current?: T,
  ) {
    super(message);
    this.name = 'NotAllowedError';
  }
}

/** The record is no longer open for this action; `current` is its stored state, unchanged. */
export abstract class ClosedError<T = unknown> extends DomainError {
  constructor(
    message: string,
    readonly current: T,
  ) {
    super(message);
  }
}

/** Someone already approved or rejected the request: the first decision wins. */
export class AlreadyDecidedError<T = unknown> extends ClosedError<T> {
  readonly code = 'already_decided';
  constructor(current: T, outcome: string) {
    super(`This request has already been ${outcome}.`, current);
    this.name = 'AlreadyDecidedError';
  }
}

/** The requester cancelled the request. */
export class RequestCancelledError<T = unknown> extends ClosedError<T> {
  readonly code = 'cancelled';
  constructor(current: T) {
    super('This request was cancelled by the person who made it.', current);
    this.name = 'RequestCancelledError';
  }
}

/** Someone already acknowledged the incident. */
export class AlreadyAcknowledgedError<T = unknown> extends ClosedError<T> {
  readonly code = 'already_acknowledged';
  constructor(current: T) {
    super('This report has already been acknowledged.', current);
    this.name = 'AlreadyAcknowledgedError';
  }
}

/** The incident is closed. */
export class IncidentClosedError<T = unknown> extends ClosedError<T> {
  readonly code = 'incident_closed';
  constructor(current: T) {
    super('This report has been closed.', current);
    this.name = 'IncidentClosedError';
  }
}

/** The trust (or school) does not allow this kind of request; quote `policyReference` to the user. */
export class RequestKindDisabledError extends DomainError {
  readonly code = 'kind_disabled';
  constructor(
    readonly kind: string,
    readonly policyReference: string | undefined,
  ) {
    super(
      `Your trust's policy does not allow this${policyReference ? ` (see section ${policyReference})` : ''}, so I can't raise a request for it.`,
    );
    this.name = 'RequestKindDisabledError';
  }
}

/** Nobody in the trust file can approve the request; the trust's IT admin must fix the roster. */
export class NoApproverError extends DomainError {
  readonly code = 'no_approver';
  constructor(readonly kind: string) {
    super(
      "Nobody in your trust's set-up can approve this request yet. Please tell your IT admin so they can add an approver.",
    );
    this.name = 'NoApproverError';
  }
}
