using System;
using System.Collections.Generic;
using System.Management.Automation;
using LlamaCloud.Chat.Redaction;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Commands
{
    // Each session's trace goes to OnTrace as soon as it is complete. Events are streamed into turns and turns into the
    // trace builder, so no session's history is held whole.
    /// <summary>
    /// Base of the trace cmdlets: takes sessions, session ids or turns from the pipeline; each session's trace is
    /// written as soon as the session has been read.
    /// </summary>
    public abstract class LlamaChatTraceCmdlet : RedactableOutputCmdlet
    {
        private TraceOptions? _options;
        private string? _turnSession;
        private List<ChatTurn>? _turns;

        /// <summary>The service.name resource attribute. Default: OTEL_SERVICE_NAME, else the service.name entry of
        /// OTEL_RESOURCE_ATTRIBUTES, else llama-cloud-chat.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ServiceName { get; set; }

        /// <summary>Also record the conversation's content: prompts (gen_ai.input.messages), answers and reasoning
        /// (gen_ai.output.messages), tool arguments and results (gen_ai.tool.call.arguments / .result). Off by default:
        /// content is where personal data lives.</summary>
        [Parameter]
        public SwitchParameter IncludeContent { get; set; }

        /// <summary>The backend the traces are for: Generic (the GenAI conventions only, the default), Langfuse (adds
        /// langfuse.session.id, session.id and, with -UserId, user.id, for its Sessions and Users views; with -Endpoint,
        /// its x-langfuse-ingestion-version header) or Phoenix (adds OpenInference attributes: openinference.span.kind,
        /// session.id, llm.token_count.*, tool.name, and with -IncludeContent input.value / output.value). Ids and times
        /// are the same in every profile, so a re-export replaces rather than duplicates. See docs/traces.md.</summary>
        [Parameter]
        public TraceProfile Profile { get; set; } = TraceProfile.Generic;

        /// <summary>The user the sessions belong to, written as user.id on every span (and langfuse.user.id with -Profile
        /// Langfuse): LlamaCloud's sessions do not record who ran them. Redacted like the content with -Redact.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserId { get; set; }

        /// <summary>How many sessions are fetched at once when several arrive. Traces stay in input order. Default 8.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>A session's trace is complete; with -Redact, <paramref name="tally"/> is what its redaction replaced.</summary>
        internal abstract void OnTrace(ChatTrace trace, RedactionTally? tally);

        private protected override ShownFields Shown => ShownFields.Trace(IncludeContent);

        /// <summary>False to skip all work (-WhatIf on a file).</summary>
        internal virtual bool Active => true;

        private OrderedOutputQueue? _queue;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            BeginRedaction();
            // The resource an OpenTelemetry SDK would describe from the same environment (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES).
            var resource = OtelResource.Resolve(ServiceName, Environment.GetEnvironmentVariable);
            foreach (var bad in resource.Malformed)
                WriteWarning(Messages.MalformedResourceEntry(OtelResource.ResourceAttributesVariable, bad));
            // The user id is redacted as the content is (an address becomes its pseudonym, the same in every session).
            var userId = Redactor == null ? UserId : Redactor.Redact(UserId, Redactor.NewTally());
            _options = new TraceOptions
            {
                ServiceName = resource.ServiceName, ExtraResource = resource.Attributes, IncludeContent = IncludeContent, Profile = Profile, UserId = userId,
            };
            _queue = new OrderedOutputQueue(this, ThrottleLimit, Messages.ConvertingToTraces());
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (!Active) return;
            // Piped while the default id set is bound: dispatch on what arrived.
            var set = ParameterSetName != SessionIdSet ? ParameterSetName : PipedTurn.Length > 0 ? TurnSet : PipedSession.Length > 0 ? SessionSet : SessionIdSet;
            switch (set)
            {
                case SessionIdSet:
                    foreach (var id in SessionId) _queue!.Add(SessionTurns.FromStream(this, Api, id, null, withSummary: true, new Target(this)));
                    break;
                case TurnSet:
                    foreach (var t in ParameterSetName == TurnSet ? Turn : PipedTurn)
                    {
                        if (t == null) continue;
                        if (_turnSession != null && t.SessionId != _turnSession) FlushTurns();
                        _turnSession = t.SessionId;
                        (_turns ??= new List<ChatTurn>()).Add(t);
                    }
                    break;
                default:
                    foreach (var s in ParameterSetName == SessionSet ? Session : PipedSession)
                    {
                        if (s == null) continue;
                        // A listed session knows its last_updated_at already: only its events are fetched.
                        _queue!.Add(s.EventCount != null // loaded, without building a lazy session's events
                            ? SessionTurns.FromLoaded(this, s, new Target(this))
                            : SessionTurns.FromStream(this, ApiFor(s), s.SessionId, s, withSummary: false, new Target(this)));
                    }
                    break;
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (!Active) return;
            _queue?.WriteReady(all: true);
            FlushTurns();
            EndRedaction("trace");
        }

        /// <summary>Piped turns of one session: the summary gives last_updated_at, then they become one trace.</summary>
        private void FlushTurns()
        {
            if (_turnSession == null || _turns == null) return;
            var id = _turnSession;
            var turns = _turns;
            _turnSession = null;
            _turns = null;
            _queue?.WriteReady(all: true); // traces of sessions before these turns come first
            ChatSession summary;
            try
            {
                summary = Await(Api.GetSummaryAsync(id, StopToken));
            }
            catch (LlamaCloudException ex)
            {
                WriteRequestError(ex, id);
                return;
            }
            var builder = new SessionTraceBuilder(id, summary.LastUpdatedAt, _options!);
            var redaction = NewRedaction();
            foreach (var t in turns) builder.Add(redaction?.Turn(t) ?? t);
            Complete(builder.Build(), redaction);
        }

        private void Complete(ChatTrace trace, SessionRedaction? redaction)
        {
            if (redaction != null) trace.Redaction = redaction.Tally.Summary();
            OnTrace(trace, redaction?.Tally);
            Commit(redaction);
        }

        /// <summary>Feeds one session's turns, as they complete, into its trace.</summary>
        private sealed class Target : ITurnTarget
        {
            private readonly LlamaChatTraceCmdlet _cmd;
            private readonly SessionRedaction? _redaction;
            private SessionTraceBuilder? _builder;

            internal Target(LlamaChatTraceCmdlet cmd)
            {
                _cmd = cmd;
                _redaction = cmd.NewRedaction();
            }

            public void Begin(string sessionId, ChatSession? session) =>
                _builder = new SessionTraceBuilder(sessionId, session?.LastUpdatedAt ?? default, _cmd._options!);

            public void Add(ChatTurn turn) => _builder!.Add(_redaction?.Turn(turn) ?? turn);

            public void End() => _cmd.Complete(_builder!.Build(), _redaction);

            public void Abandon() => _builder = null;
        }
    }
}
