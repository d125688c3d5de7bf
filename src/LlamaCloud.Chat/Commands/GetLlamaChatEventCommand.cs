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

        private OrderedOutputQueue? _queue;
        private EventFilter? _filter;

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
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        /// <summary>A session piped in while the id set (the default, so that a bare call prompts for an id) is bound:
        /// PowerShell binds pipeline input within the default set first, so without this its SessionId property would
        /// win and its loaded events and connection be lost. (Not -Session itself in both sets: -Session on the
        /// command line would then leave the id set chosen, and prompt for an id.) Hidden; pipe sessions or use the visible parameter.</summary>
        [Parameter(ParameterSetName = SessionIdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatSession[] PipedSession { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Only events of these types (wire names, case-insensitive): user_input, thinking_delta, thinking,
        /// tool_call, tool_result, text_delta, text, stop, or unknown for every type this module does not know. Any other
        /// wire name (e.g. citation) selects the UnknownEvents of that type, with one warning naming the known types.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>Only tool calls and tool results whose tool name matches one of these (wildcards allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary>How many sessions are fetched at once when several arrive. Output stays in session order. Default 8.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _filter = new EventFilter(Type, Name);
            // A typo must be noticed, and a new type must still work: say once which names are not known types.
            if (_filter.UnknownTypeNames is { } unknown)
                WriteWarning($"-Type {string.Join(", ", unknown)}: not {(unknown.Count == 1 ? "a type" : "types")} this module knows; matching UnknownEvents of that wire type. Known types: {string.Join(", ", ChatEventType.Names)}.");
            _queue = new OrderedOutputQueue(this, ThrottleLimit, "Getting LlamaCloud chat events");
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
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
        protected override void EndProcessing() => _queue?.WriteReady(all: true);

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

        private void WriteBatch(IReadOnlyList<ChatEvent> events, bool filter)
        {
            if (!filter)
            {
                // One call per batch: the pipeline enumerates it, saving the per-call overhead on 100k-event streams.
                WriteObject(events, enumerateCollection: true);
                return;
            }
            foreach (var e in events)
            {
                if (_filter!.Matches(e)) WriteObject(e);
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
