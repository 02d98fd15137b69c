package app.smartcomply.webhooks.notice;

import app.smartcomply.webhooks.delivery.EndpointHealthListener.DeadLetter;

/**
 * A way of telling someone: mail to the account, operational webhooks to the platform. Called
 * inside the recording transaction; a channel that talks to the outside world defers that until
 * after the commit, and must never block or fail the recording.
 */
interface NoticeChannel {

    void endpoint(EndpointNotice notice);

    /** A delivery reached the dead letter. */
    default void deadLettered(DeadLetter dead, long at) {}
}
