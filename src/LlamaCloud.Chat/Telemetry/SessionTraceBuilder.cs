using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Turns one session's turns, fed one at a time, into its trace. Only what the spans need is kept per turn (the
    /// content only with <see cref="TraceOptions.IncludeContent"/>), so a long history is never held whole.
    /// </summary>
    internal sealed class SessionTraceBuilder
    {
        private readonly string _sessionId;
        private readonly DateTime _lastUpdatedAt;
        private readonly TraceOptions _options;
        private readonly string _traceId;
        private readonly List<TraceSpan> _turnSpans = new List<TraceSpan>();
        private readonly List<List<TraceSpan>> _toolSpans = new List<List<TraceSpan>>();
        private readonly List<double?> _durations = new List<double?>();
        private int _toolCount;

        internal SessionTraceBuilder(string sessionId, DateTime lastUpdatedAt, TraceOptions options)
        {
            _sessionId = sessionId;
            _lastUpdatedAt = lastUpdatedAt;
            _options = options;
            _traceId = TraceIds.TraceId(sessionId);
        }

        internal string SessionId => _sessionId;

        internal void Add(ChatTurn turn)
        {
            var number = turn.Number; // ids follow the turn's number, so a turn exported alone gets the ids it has in the whole session
            var spanId = TraceIds.TurnSpanId(_sessionId, number);
            var span = new TraceSpan(_traceId, spanId, null, TraceConventions.InvokeAgent, TraceConventions.SpanKindClient);
            span.Add(TraceConventions.OperationName, TraceConventions.InvokeAgent);
            span.Add(TraceConventions.Provider, TraceConventions.ProviderName);
            span.Add(TraceConventions.ConversationId, _sessionId);
            if (turn.Usage?.TotalInputTokens is long input) span.Add(TraceConventions.InputTokens, input);
            if (turn.Usage?.TotalOutputTokens is long output) span.Add(TraceConventions.OutputTokens, output);
            if (turn.IsError)
            {
                span.Add(TraceConventions.ErrorType, "_OTHER");
                span.StatusCode = TraceConventions.StatusError;
                span.StatusMessage = turn.Error ?? "The turn ended in an error.";
            }
            span.Add(TraceConventions.Timing, TraceConventions.TimingReconstructed);
            span.Add(TraceConventions.DurationReported, turn.Usage?.DurationMs.HasValue == true);
            span.Add(TraceConventions.TurnNumber, (long)turn.Number);
            span.Add(TraceConventions.TurnComplete, turn.IsComplete);
            // Turns built from a live stream have no known history positions: no attribute rather than a made-up one.
            if (turn.FirstIndex is int first) span.Add(TraceConventions.FirstIndex, (long)first);
            if (turn.LastIndex is int last) span.Add(TraceConventions.LastIndex, (long)last);
            if (_options.IncludeContent)
            {
                span.Add(TraceConventions.InputMessages, InputMessages(turn));
                span.Add(TraceConventions.OutputMessages, OutputMessages(turn));
            }
            AddProfile(span, turn);

            var tools = new List<TraceSpan>(turn.ToolCalls.Count);
            for (var i = 0; i < turn.ToolCalls.Count; i++)
            {
                var call = turn.ToolCalls[i];
                var name = string.IsNullOrEmpty(call.Name) ? TraceConventions.ExecuteTool : TraceConventions.ExecuteTool + " " + call.Name;
                var tool = new TraceSpan(_traceId, TraceIds.ToolSpanId(_sessionId, number, i), spanId, name, TraceConventions.SpanKindInternal);
                tool.Add(TraceConventions.OperationName, TraceConventions.ExecuteTool);
                tool.Add(TraceConventions.ToolName, call.Name ?? string.Empty);
                tool.Add(TraceConventions.ToolCallId, call.CallId);
                tool.Add(TraceConventions.Timing, TraceConventions.TimingReconstructed);
                tool.Add(TraceConventions.ToolHasResult, call.HasResult);
                if (call.ImageAttachment?.AttachmentName is string image) tool.Add(TraceConventions.ImageAttachment, image);
                if (_options.IncludeContent)
                {
                    tool.Add(TraceConventions.ToolArguments, call.ArgumentsJson);
                    if (call.HasResult) tool.Add(TraceConventions.ToolResult, call.ResultJson ?? "null");
                }
                AddProfile(tool, call);
                tools.Add(tool);
            }
            _turnSpans.Add(span);
            _toolSpans.Add(tools);
            _durations.Add(turn.Usage?.DurationMs);
            _toolCount += tools.Count;
        }

        /// <summary>The profile's attributes of a turn's span, after the conventions' own (Generic adds none but -UserId's).</summary>
        private void AddProfile(TraceSpan span, ChatTurn turn)
        {
            AddIdentity(span, ProfileConventions.KindAgent);
            if (_options.Profile != TraceProfile.Phoenix) return;
            var input = turn.Usage?.TotalInputTokens;
            var output = turn.Usage?.TotalOutputTokens;
            if (input is long i) span.Add(ProfileConventions.TokenCountPrompt, i);
            if (output is long o) span.Add(ProfileConventions.TokenCountCompletion, o);
            if (input is long a && output is long b) span.Add(ProfileConventions.TokenCountTotal, a + b);
            if (!_options.IncludeContent) return;
            if (turn.Prompt != null)
            {
                span.Add(ProfileConventions.InputValue, turn.Prompt);
                span.Add(ProfileConventions.InputMimeType, ProfileConventions.MimeText);
            }
            span.Add(ProfileConventions.OutputValue, turn.Answer);
            span.Add(ProfileConventions.OutputMimeType, ProfileConventions.MimeText);
        }

        /// <summary>The profile's attributes of a tool call's span.</summary>
        private void AddProfile(TraceSpan span, ChatToolCall call)
        {
            AddIdentity(span, ProfileConventions.KindTool);
            if (_options.Profile != TraceProfile.Phoenix) return;
            span.Add(ProfileConventions.ToolName, call.Name ?? string.Empty);
            if (!_options.IncludeContent) return;
            if (call.HasCall)
            {
                span.Add(ProfileConventions.InputValue, call.ArgumentsJson ?? "null");
                span.Add(ProfileConventions.InputMimeType, ProfileConventions.MimeJson);
            }
            if (call.HasResult)
            {
                span.Add(ProfileConventions.OutputValue, call.ResultJson ?? "null");
                span.Add(ProfileConventions.OutputMimeType, ProfileConventions.MimeJson);
            }
        }

        /// <summary>Session and user on every span: Langfuse and OpenInference group traces by them.</summary>
        private void AddIdentity(TraceSpan span, string kind)
        {
            switch (_options.Profile)
            {
                case TraceProfile.Langfuse:
                    span.Add(ProfileConventions.LangfuseSessionId, _sessionId);
                    span.Add(ProfileConventions.SessionId, _sessionId);
                    span.Add(ProfileConventions.LangfuseUserId, _options.UserId);
                    span.Add(ProfileConventions.UserId, _options.UserId);
                    break;
                case TraceProfile.Phoenix:
                    span.Add(ProfileConventions.SpanKind, kind);
                    span.Add(ProfileConventions.SessionId, _sessionId);
                    span.Add(ProfileConventions.UserId, _options.UserId);
                    break;
                default:
                    span.Add(ProfileConventions.UserId, _options.UserId);
                    break;
            }
        }

        internal ChatTrace Build()
        {
            var end = TraceTiming.UnixNanos(_lastUpdatedAt);
            var times = TraceTiming.LayOutTurns(end, _durations);
            var all = new List<TraceSpan>(_turnSpans.Count + _toolCount);
            for (var i = 0; i < _turnSpans.Count; i++)
            {
                var turn = _turnSpans[i];
                (turn.StartNanos, turn.EndNanos) = times[i];
                all.Add(turn);
                var tools = _toolSpans[i];
                var toolTimes = TraceTiming.LayOutTools(turn.StartNanos, turn.EndNanos, tools.Count);
                for (var t = 0; t < tools.Count; t++)
                {
                    (tools[t].StartNanos, tools[t].EndNanos) = toolTimes[t];
                    all.Add(tools[t]);
                }
            }
            var resource = new List<KeyValuePair<string, object>>
            {
                new KeyValuePair<string, object>(TraceConventions.ServiceName, _options.ServiceName),
                new KeyValuePair<string, object>(TraceConventions.ModuleName, TraceConventions.ScopeName),
                new KeyValuePair<string, object>(TraceConventions.ModuleVersion, _options.ModuleVersion),
            };
            foreach (var extra in _options.ExtraResource)
            {
                if (extra.Key == TraceConventions.ServiceName || extra.Key == TraceConventions.ModuleName || extra.Key == TraceConventions.ModuleVersion) continue;
                resource.Add(new KeyValuePair<string, object>(extra.Key, extra.Value));
            }
            var bytes = OtlpJsonWriter.ResourceSpans(resource, _options.ModuleVersion, all);
            var startTime = times.Length > 0 ? FromNanos(times[0].Start) : FromNanos(end);
            return new ChatTrace(_sessionId, _traceId, _turnSpans.Count, _toolCount, startTime, FromNanos(end), bytes, DocumentText);
        }

        private static DateTime FromNanos(long nanos) => new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(nanos / 100);

        /// <summary>gen_ai.input.messages: the user's prompt as one user message (none for a turn without a prompt).</summary>
        private static string InputMessages(ChatTurn turn) => Json(w =>
        {
            w.WriteStartArray();
            if (turn.Prompt != null)
            {
                w.WriteStartObject();
                w.WriteString("role", "user");
                w.WriteStartArray("parts");
                TextPart(w, "text", turn.Prompt);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });

        /// <summary>gen_ai.output.messages: one assistant message with the reasoning and the answer as parts.</summary>
        private static string OutputMessages(ChatTurn turn) => Json(w =>
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("role", "assistant");
            w.WriteStartArray("parts");
            if (!string.IsNullOrEmpty(turn.Thinking)) TextPart(w, "reasoning", turn.Thinking);
            if (!string.IsNullOrEmpty(turn.Answer)) TextPart(w, "text", turn.Answer);
            w.WriteEndArray();
            w.WriteString("finish_reason", turn.IsError ? "error" : "stop");
            w.WriteEndObject();
            w.WriteEndArray();
        });

        private static void TextPart(Utf8JsonWriter w, string type, string content)
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("content", OtlpJsonWriter.Clean(content));
            w.WriteEndObject();
        }

        private static string Json(Action<Utf8JsonWriter> write)
        {
            var buffer = new System.IO.MemoryStream(256);
            using (var w = new Utf8JsonWriter(buffer, OtlpJsonWriter.Options)) write(w);
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        private static readonly Func<byte[], string> DocumentText = resourceSpans => Encoding.UTF8.GetString(OtlpJsonWriter.Document(new[] { resourceSpans }));
    }
}
