package app.smartcomply.webhooks.account;

/** A SmartComply customer: owns endpoints and events, and is what an API key stands for. */
public record Account(String id, String name, long createdAt) {}
