using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Sends a message to a LlamaCloud chat session and writes the turn's events as they arrive.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "LlamaChatMessage", DefaultParameterSetName = IdSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ChatEvent), typeof(UserInputEvent), typeof(ThinkingDeltaEvent), typeof(ThinkingEvent), typeof(TextDeltaEvent),
        typeof(TextEvent), typeof(ToolCallEvent), typeof(ToolResultEvent), typeof(StopEvent), typeof(UnknownEvent))]
    [OutputType(typeof(string))]
    public sealed class SendLlamaChatMessageCommand : LlamaCloudCmdlet
    {
        private const string IdSet = "SessionId";
        private const string SessionSet = "Session";
        // A turn is a few hundred events: never make the download wait for the pipeline, so -TimeoutSec measures
        // only the server's silence, however slowly the pipeline consumes.
        private const int TurnChannelCapacity = 1 << 20;

        /// <summary>The id of the session to send to. Takes strings from the pipeline and the SessionId property of
        /// piped objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [SessionIdTransformation]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string SessionId { get; set; } = string.Empty;

        /// <summary>The session to send to, as Get-LlamaChatSession or New-LlamaChatSession write it. Its IndexIds are
        /// the default -IndexId, and when its events are loaded the turn's events carry their true history Index.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatSession? Session { get; set; }

        // Why: A session piped in while the id set (the default, so that a bare call prompts for an id) is bound:
        // PowerShell binds pipeline input within the default set first, so without this its SessionId property would
        // win.
        /// <summary>A session piped in (hidden: pipe sessions, or use -Session).</summary>
        [Parameter(ParameterSetName = IdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatSession? PipedSession { get; set; }

        /// <summary>The message: 1 to 1000 characters.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePrompt]
        public string Prompt { get; set; } = string.Empty;

        /// <summary>The indexes the turn may query. Default: the piped session's IndexIds; none when unknown.</summary>
        [Parameter]
        [AllowEmptyCollection]
        [ValidateNotNull]
        public string[]? IndexId { get; set; }

        /// <summary>Sent as require_all_indexes: fail the turn if any requested index cannot be queried. Sent only when given.</summary>
        [Parameter]
        public SwitchParameter RequireAllIndexes { get; set; }

        /// <summary>Writes only the answer's text, one string per text delta as it arrives (the whole text event if the
        /// server sent no deltas). Errors are still errors.</summary>
        [Parameter]
        public SwitchParameter Text { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if ((ParameterSetName == SessionSet ? Session : PipedSession) is { } s)
            {
                Run(ApiFor(s), s.SessionId, IndexId ?? (IReadOnlyList<string>?)s.IndexIds ?? Array.Empty<string>(), s.EventCount);
            }
            else
            {
                Run(Api, SessionId, IndexId ?? Array.Empty<string>(), null);
            }
        }

        private void Run(ChatApi api, string sessionId, IReadOnlyList<string> indexIds, int? historyLength)
        {
            // A turn runs the agent and changes the session: -WhatIf shows what would be sent, and sends nothing.
            if (!ShouldProcess(Messages.SendTarget(sessionId, indexIds), Messages.SendAction(Prompt))) return;
            var channel = new EventChannel(TurnChannelCapacity);
            bool? requireAll = MyInvocation.BoundParameters.ContainsKey(nameof(RequireAllIndexes)) ? RequireAllIndexes.IsPresent : (bool?)null;
            Task turn = api.SendMessageAsync(sessionId, Prompt, indexIds, requireAll, historyLength, channel, StopToken);
            var wroteDelta = false;
            while (true)
            {
                List<ChatEvent>? batch;
                try
                {
                    batch = Await(channel.ReadAsync(StopToken));
                }
                catch (Exception ex) when (!(ex is PipelineStoppedException))
                {
                    // After the events that arrived: one error for this turn (StreamInterrupted, or the HTTP failure).
                    WriteRequestError(ex, sessionId);
                    return;
                }
                if (batch == null) break;
                foreach (var e in batch)
                {
                    if (e is ToolCallEvent || e is ToolResultEvent) ToolNamesSeen.Record(new[] { e });
                    if (!Text) WriteObject(e);
                    else if (e is TextDeltaEvent delta) { WriteObject(delta.Content); wroteDelta = true; }
                    else if (e is TextEvent whole && !wroteDelta) WriteObject(whole.Content);
                    if (e is StopEvent stop) Judge(stop, sessionId, requireAll == true, api);
                }
            }
            GC.KeepAlive(turn);
        }

        /// <summary>The stop's verdict: one error for a failed turn (its own id when -RequireAllIndexes made the server fail
        /// it), one warning naming the indexes a successful turn could not query.</summary>
        private void Judge(StopEvent stop, string sessionId, bool requireAll, ChatApi api)
        {
            var skipped = stop.SkippedIndexIds;
            if (stop.IsError)
            {
                var error = api.Client.Redact(stop.Error);
                if (requireAll && skipped.Count > 0)
                {
                    WriteRequestError(new LlamaCloudException(
                        Messages.IndexesUnavailable(sessionId, skipped, error),
                        ErrorIds.IndexesUnavailable, ErrorCategory.ResourceUnavailable) { SessionId = sessionId }, sessionId);
                    return;
                }
                WriteRequestError(TurnFailed(sessionId, error), sessionId);
                return;
            }
            if (skipped.Count > 0)
            {
                WriteWarning(Messages.IndexesSkipped(sessionId, skipped));
            }
        }

        private static LlamaCloudException TurnFailed(string sessionId, string? error) =>
            new LlamaCloudException(Messages.TurnFailed(sessionId, error),
                ErrorIds.TurnFailed, ErrorCategory.OperationStopped)
            {
                SessionId = sessionId,
            };
    }
}
