using System.Collections.Generic;
using static LlamaCloud.Chat.Analytics.TableColumnType;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// The four tables Export-LlamaChatTable writes. Column names, order and types are the contract with the engines
    /// that read them (docs/analytics.md lists them): a change here raises <see cref="Version"/>, and an export folder
    /// written under another version is rewritten whole.
    /// </summary>
    internal static class TableSchemas
    {
        /// <summary>The schema version the manifest records.</summary>
        internal const int Version = 1;

        internal static readonly TableSchema Sessions = new TableSchema("sessions")
            .Column("session_id", String, "The session's id.")
            .Column("last_updated_at", Timestamp, "When the session was last updated (UTC); the API has no per-event times.")
            .Column("title", String, "The title LlamaCloud generated from the first message.")
            .Column("index_ids", String, "The indexes the session is bound to, as a JSON array of strings; null when unbound.")
            .Column("event_count", Int64, "Events in the history.")
            .Column("turn_count", Int32, "Turns (rows of the turns table).")
            .Column("error_turns", Int32, "Turns whose stop event reports an error.")
            .Column("input_tokens", Int64, "Input tokens over all turns (the stop events' usage).")
            .Column("output_tokens", Int64, "Output tokens over all turns.")
            .Column("duration_ms", Double, "Duration over all turns, in milliseconds.")
            .Column("tool_calls", Int32, "Tool calls (rows of the tool_calls table).")
            .Column("tool_errors", Int32, "Tool calls whose result reports an error.")
            .Column("job_is_error", Boolean, "job_metadata.is_error: the most recent run failed.")
            .Column("job_error", String, "job_metadata.error.")
            .Column("job_input_tokens", Int64, "job_metadata.total_input_tokens (the most recent run only).")
            .Column("job_output_tokens", Int64, "job_metadata.total_output_tokens (the most recent run only).");

        internal static readonly TableSchema Turns = new TableSchema("turns")
            .Column("session_id", String, "The session's id.")
            .Column("turn", Int32, "The turn's number in its session, from 1.")
            .Column("first_index", Int32, "History index of the turn's first event.")
            .Column("last_index", Int32, "History index of the turn's last event.")
            .Column("event_count", Int32, "Events the turn was built from.")
            .Column("prompt", String, "The user_input that started the turn; null for a turn without one.")
            .Column("answer", String, "The answer text (text events, streamed deltas counted once).")
            .Column("thinking", String, "The reasoning text.")
            .Column("tool_calls", Int32, "Tool calls made in the turn.")
            .Column("tool_errors", Int32, "Tool calls of the turn whose result reports an error.")
            .Column("input_tokens", Int64, "usage.total_input_tokens of the turn's stop event.")
            .Column("output_tokens", Int64, "usage.total_output_tokens of the turn's stop event.")
            .Column("duration_ms", Double, "usage.duration_ms of the turn's stop event.")
            .Column("model_turns", Int32, "usage.turns of the turn's stop event.")
            .Column("is_error", Boolean, "The stop event reports an error.")
            .Column("error", String, "The stop event's error message.")
            .Column("is_complete", Boolean, "A stop event ended the turn.");

        internal static readonly TableSchema Events = new TableSchema("events")
            .Column("session_id", String, "The session's id.")
            .Column("event_index", Int32, "The event's position in the history, from 0.")
            .Column("turn", Int32, "The number of the turn the event belongs to.")
            .Column("type", String, "The wire type (user_input, text_delta, tool_call, stop, ...); null for an untyped unknown event.")
            .Column("content", String, "The text of content events (user_input, thinking(_delta), text(_delta)).")
            .Column("tool_name", String, "The tool of a tool_call or tool_result.")
            .Column("call_id", String, "The call id of a tool_call or tool_result.")
            .Column("payload_json", String, "JSON as received: a tool_call's arguments, a tool_result's result, an unknown event whole.")
            .Column("is_error", Boolean, "A stop event's is_error.")
            .Column("error", String, "A stop event's error message.")
            .Column("input_tokens", Int64, "A stop event's usage.total_input_tokens.")
            .Column("output_tokens", Int64, "A stop event's usage.total_output_tokens.")
            .Column("duration_ms", Double, "A stop event's usage.duration_ms.");

        internal static readonly TableSchema ToolCalls = new TableSchema("tool_calls")
            .Column("session_id", String, "The session's id.")
            .Column("turn", Int32, "The number of the turn the call belongs to.")
            .Column("call_id", String, "The id pairing the call with its result.")
            .Column("tool_name", String, "The tool's name.")
            .Column("call_index", Int32, "History index of the tool_call event; null for a result without its call.")
            .Column("result_index", Int32, "History index of the tool_result event; null for a call without a result.")
            .Column("has_result", Boolean, "The call got a result.")
            .Column("is_error", Boolean, "The result reports an error (an object with a non-null error or is_error true).")
            .Column("arguments_json", String, "The arguments' JSON as received.")
            .Column("result_json", String, "The result's JSON as received.");

        /// <summary>The tables in the order they are written and listed.</summary>
        internal static readonly IReadOnlyList<TableSchema> All = new[] { Sessions, Turns, Events, ToolCalls };
    }
}
