using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the events of LlamaCloud chat sessions, in session order, optionally only some types or tools.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LlamaChatEvent", DefaultParameterSetName = SessionIdSet)]
    [OutputType(typeof(ChatEvent), typeof(UserInputEvent), typeof(ThinkingDeltaEvent), typeof(ThinkingEvent), typeof(TextDeltaEvent),
        typeof(TextEvent), typeof(ToolCallEvent), typeof(ToolResultEvent), typeof(StopEvent), typeof(UnknownEvent))]
    public sealed class GetLlamaChatEventCommand : LlamaCloudCmdlet
    {
        private const string SessionSet = "Session";
        private const string SessionIdSet = "SessionId";
        private const string TurnSet = "Turn";
        private const string EventSet = "Event";

        private OrderedOutputQueue? _queue;
        private EventFilter? _filter;
        private TurnEvents? _turns; // consecutive piped turns of one session, read together

        /// <summary>Sessions whose events to get, typically piped from Get-LlamaChatSession. Sessions listed without
        /// events (or read with -Summary) are fetched.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatSession[] Session { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Ids of sessions whose events to get; fetched and read as a stream, so the first events come out
        /// before the whole history has downloaded. Takes the SessionId property of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [SessionIdTransformation]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        // Why: A session piped in while the id set (the default, so that a bare call prompts for an id) is bound:
        // PowerShell binds pipeline input within the default set first, so without this its SessionId property would
        // win and its loaded events and connection be lost. (Not -Session itself in both sets: -Session on the
        // command line would then leave the id set chosen, and prompt for an id.)
        /// <summary>A session piped in (hidden: pipe sessions, or use -Session).</summary>
        [Parameter(ParameterSetName = SessionIdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatSession[] PipedSession { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Turns, typically piped from Get-LlamaChatTurn (filtered as you like): the events of those turns only,
        /// in history order. Consecutive turns of one session are read together, in one request.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TurnSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatTurn[] Turn { get; set; } = Array.Empty<ChatTurn>();

        /// <summary>Events already at hand (piped from Get-LlamaChatEvent or Send-LlamaChatMessage): written again if they
        /// pass -Type and -Name. Nothing is requested.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EventSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatEvent[] InputObject { get; set; } = Array.Empty<ChatEvent>();

        // Why: A turn piped in while the id set (the default, so that a bare call prompts for an id) is bound:
        // without it, its SessionId property would bind and bring the whole session.
        /// <summary>A turn piped in (hidden: pipe turns, or use -Turn).</summary>
        [Parameter(ParameterSetName = SessionIdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatTurn[] PipedTurn { get; set; } = Array.Empty<ChatTurn>();

        // Why: An event piped in while the id set is bound: without it, its SessionId property would bind and bring
        // the whole session again, once per event.
        /// <summary>An event piped in (hidden: pipe events, or use -InputObject).</summary>
        [Parameter(ParameterSetName = SessionIdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatEvent[] PipedEvent { get; set; } = Array.Empty<ChatEvent>();

        /// <summary>Only events of these types (wire names, case-insensitive, wildcards allowed: tool* is tool_call and
        /// tool_result): user_input, thinking_delta, thinking, tool_call, tool_result, text_delta, text, stop, or unknown
        /// for every type this module does not know. Any other wire name (e.g. citation) selects the UnknownEvents of that
        /// type, with one warning naming the known types it may have meant.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(EventTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>Only tool calls and tool results whose tool name matches one of these (wildcards allowed). Tab
        /// completes the tool names of the -SessionId sessions and those seen in this PowerShell session.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ToolNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>How many sessions are fetched at once when several arrive. Output stays in session order. Default 8.</summary>
        [Parameter(ParameterSetName = SessionSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [Parameter(ParameterSetName = TurnSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _filter = new EventFilter(Type, Name);
            // A typo must be noticed, and a new type must still work: say once which names are not known types.
            if (EventTypeWarning.For(_filter) is { } warning) WriteWarning(warning);
            _queue = new OrderedOutputQueue(this, ThrottleLimit, Messages.GettingEvents());
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var turns = ParameterSetName == TurnSet ? Turn : PipedTurn;
            if (turns.Length > 0)
            {
                foreach (var t in turns)
                {
                    if (t != null) AddTurn(t);
                }
                return;
            }
            FlushTurns();
            var events = ParameterSetName == EventSet ? InputObject : PipedEvent;
            if (events.Length > 0)
            {
                _queue!.WriteReady(all: true); // what came before these events goes out first
                WriteBatch(events, !_filter!.IsEmpty);
                return;
            }
            var sessions = ParameterSetName == SessionSet ? Session : PipedSession.Length > 0 ? PipedSession : null;
            if (!MyInvocation.ExpectingInput && _queue!.Total == null) _queue.Total = sessions?.Length ?? SessionId.Length;
            if (sessions != null)
            {
                foreach (var s in sessions)
                {
                    if (s == null) continue;
                    if (s.EventCount == null) _queue!.Add(Stream(ApiFor(s), s.SessionId)); // EventCount: without building the events
                    else if (_filter!.IsEmpty && s.Lazy is LazyEvents { IsMaterialized: false } lazy) _queue!.Add(Replay(s.SessionId, lazy));
                    else _queue!.Add(new LoadedEvents(this, s));
                }
            }
            else
            {
                foreach (var id in SessionId) _queue!.Add(Stream(null, id));
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            FlushTurns();
            _queue?.WriteReady(all: true);
        }

        private void AddTurn(ChatTurn turn)
        {
            if (turn.FirstIndex == null || turn.LastIndex == null)
            {
                FlushTurns(); // earlier turns keep their place before this error
                _queue!.WriteReady(all: true);
                WriteError(new ErrorRecord(new LlamaCloudException(TurnEvents.NotInHistory(turn), ErrorIds.TurnNotInHistory, ErrorCategory.InvalidArgument),
                    ErrorIds.TurnNotInHistory, ErrorCategory.InvalidArgument, turn));
                return;
            }
            if (_turns != null && _turns.Accepts(turn))
            {
                _turns.Add(turn);
                return;
            }
            FlushTurns();
            _turns = new TurnEvents(this, turn);
        }

        private void FlushTurns()
        {
            if (_turns == null) return;
            var group = _turns;
            _turns = null;
            _queue!.Add(group.Start());
        }

        /// <summary>This command's filter (for <see cref="TurnEvents"/>).</summary>
        internal EventFilter Filter => _filter!;

        /// <summary>Starts streaming one session's events into a channel (for <see cref="TurnEvents"/>).</summary>
        internal Task StartStream(string id, EventChannel channel, System.Threading.CancellationToken token)
        {
            try
            {
                return Api.StreamEventsAsync(id, _filter, channel, token);
            }
            catch (LlamaCloudException ex)
            {
                channel.Complete(ex);
                return Task.FromResult(0);
            }
        }

        private StreamedEvents Stream(ChatApi? api, string id)
        {
            var channel = new EventChannel();
            Task task;
            try
            {
                task = (api ?? Api).StreamEventsAsync(id, _filter, channel, StopToken);
            }
            catch (LlamaCloudException ex)
            {
                channel.Complete(ex);
                task = Task.FromResult(0);
            }
            return new StreamedEvents(this, id, channel, task);
        }

        // Every event of a fetched session not yet built goes the way a streamed read's do: built in batches on another
        // thread while the pipeline writes the batches before them, none kept.
        private StreamedEvents Replay(string id, LazyEvents history)
        {
            var (channel, fill) = EventChannel.Replay(history, ReplayBatch, StopToken);
            return new StreamedEvents(this, id, channel, fill);
        }

        private const int ReplayBatch = 1024;

        internal void WriteBatch(IReadOnlyList<ChatEvent> events, bool filter)
        {
            if (!filter)
            {
                ToolNamesSeen.Record(events); // for -Name completion
                // One call per batch: the pipeline enumerates it, saving the per-call overhead on 100k-event streams.
                WriteObject(events, enumerateCollection: true);
                return;
            }
            foreach (var e in events)
            {
                if (!_filter!.Matches(e)) continue;
                if (e is ToolCallEvent || e is ToolResultEvent) ToolNamesSeen.Record(new[] { e });
                WriteObject(e);
            }
        }

        private sealed class LoadedEvents : PendingOutput
        {
            private readonly GetLlamaChatEventCommand _cmd;
            private readonly ChatSession _session;

            internal LoadedEvents(GetLlamaChatEventCommand cmd, ChatSession session)
            {
                _cmd = cmd;
                _session = session;
            }

            internal override bool IsCompleted => true;

            internal override void Write()
            {
                // A fetched session not yet built filters inside its bytes, as a stream does: only matches are built.
                var lazy = _session.Lazy as LazyEvents;
                if (lazy != null && !lazy.IsMaterialized && !_cmd._filter!.IsEmpty) _cmd.WriteBatch(lazy.Select(_cmd._filter), filter: false);
                else _cmd.WriteBatch(_session.Events!, !_cmd._filter!.IsEmpty);
            }
        }

        private sealed class StreamedEvents : PendingOutput
        {
            private readonly GetLlamaChatEventCommand _cmd;
            private readonly string _id;
            private readonly EventChannel _channel;
            private readonly Task _download;

            internal StreamedEvents(GetLlamaChatEventCommand cmd, string id, EventChannel channel, Task download)
            {
                _cmd = cmd;
                _id = id;
                _channel = channel;
                _download = download;
            }

            internal override bool IsCompleted => _download.IsCompleted;

            internal override void Write()
            {
                while (true)
                {
                    List<ChatEvent>? batch;
                    try
                    {
                        batch = _cmd.Await(_channel.ReadAsync(_cmd.StopToken));
                    }
                    catch (Exception ex) when (!(ex is PipelineStoppedException))
                    {
                        // Anything unexpected is still one error for this id, never the end of the pipeline.
                        // (Only the download is guarded: what downstream commands throw must pass through.)
                        _cmd.WriteRequestError(ex, _id);
                        return;
                    }
                    if (batch == null)
                    {
                        _cmd.ReportActivity(force: true);
                        return;
                    }
                    _cmd.WriteBatch(batch, filter: false);
                    _cmd.ReportActivity();
                }
            }
        }
    }
}
