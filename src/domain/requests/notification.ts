/**
 * What the domain asks the Teams layer to send. Notifications are data: who (a trust person id),
 * what (the kind) and about which record (ids only); the Teams layer reloads the record, renders
 * the card and sends it.
 */
export const REQUEST_NOTIFICATION_KINDS = [
  /** A new request for this approver (or their delegate): send the Approve/Reject card. */
  'approval_needed',
  /** The approver has not answered after `remindAfterHours`. */
  'reminder',
  /** Nobody answered after `escalateAfterHours`: the fallback approver now gets the card. */
  'escalated',
  /** To the requester: their request was approved or rejected. */
  'decided',
  /** To everyone else holding a card for the record: update it to the current status. */
  'status_changed',
  /** To the role a kind tells on approval, for their records (the IT manager, for password sharing). */
  'it_informed',
  /** To the requester: the period a kind authorised has ended (for password sharing: change the password now). */
  'password_expiry',
] as const;

/** What the incidents flow asks the Teams layer to send. */
export const INCIDENT_NOTIFICATION_KINDS = [
  /** A lost or stolen item: send the Acknowledge card (with the 72-hour clock when data may be involved). */
  'incident_alert',
  /** Nobody acknowledged the alert after `remindAfterHours`. */
  'incident_reminder',
  /** To the reporter: someone acknowledged their report. */
  'incident_acknowledged',
  /** To the people alerted: a crime reference number was added. */
  'crime_reference_added',
  /** To the reporter: the report was closed. */
  'incident_closed',
  /** To everyone else holding a card for the incident: update it to the current status. */
  'status_changed',
] as const;

export type RequestNotificationKind = (typeof REQUEST_NOTIFICATION_KINDS)[number];
export type IncidentNotificationKind = (typeof INCIDENT_NOTIFICATION_KINDS)[number];

/** Something to send about a request. */
export interface RequestNotification {
  /** Trust person id of the recipient. */
  to: string;
  kind: RequestNotificationKind;
  requestId: string;
  /** Set when the recipient acts as delegate for this (away) approver's person id. */
  onBehalfOf?: string;
}

/** Something to send about a lost or stolen item. */
export interface IncidentNotification {
  to: string;
  kind: IncidentNotificationKind;
  incidentId: string;
  /** True when the recipient is told because personal or confidential data may be involved. */
  dataBreach?: boolean;
  onBehalfOf?: string;
}

/** Everything the domain asks the Teams layer to send. */
export type Notification = RequestNotification | IncidentNotification;

/** A use case's result: the record as now stored and what to send. */
export interface Outcome<T> {
  value: T;
  notifications: Notification[];
}
