/**
 * The diagnosis of a log while it is being written ({@code keel diagnose --follow}): {@link
 * dev.keel.diagnose.live.FollowedLog} reads what the file holds, {@link dev.keel.diagnose.live.LiveDiagnosis} says
 * when the offline classifier's verdict on the rows so far has become evident or changed. Used by the cli.
 */
package dev.keel.diagnose.live;
