export const MAIL_QUEUE = Symbol('MAIL_QUEUE');
export const SMTP_TRANSPORT = Symbol('SMTP_TRANSPORT');
export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');
