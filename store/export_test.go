package store

// AuditQuery lets the store's tests explain the trail's listing query.
var AuditQuery = auditQuery
