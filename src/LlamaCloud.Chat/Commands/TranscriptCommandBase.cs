using System;
using System.Management.Automation;
using LlamaCloud.Chat.Redaction;
using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Commands
{
    // Each session's turns are streamed into one transcript target, one turn held at a time.
    /// <summary>
    /// What Export-LlamaChatTranscript and ConvertTo-LlamaChatTranscript share: sessions, ids or turns in, one
    /// transcript per session, in input order.
    /// </summary>
    public abstract class TranscriptCommandBase : RedactableOutputCmdlet
    {
        // A few sessions are read ahead while the oldest is written; a transcript is written on the pipeline thread.
        private const int ReadAhead = 4;

        private OrderedOutputQueue? _queue;
        private ITurnTarget? _pipedTarget;
        private string? _pipedId;

        /// <summary>Show each turn's reasoning (thinking).</summary>
        [Parameter]
        public SwitchParameter IncludeThinking { get; set; }

        /// <summary>Show what each tool returned. Without it, tool calls show their name and arguments only.</summary>
        [Parameter]
        public SwitchParameter IncludeToolOutput { get; set; }

        /// <summary>With -IncludeToolOutput: results longer than this many characters are cut, with a note saying how much
        /// was left out. Default 4000; 0 shows every result whole.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxToolOutputLength { get; set; } = 4000;

        /// <summary>HTML only: embed each tool result's image attachment (a page screenshot) in the page as a data: URI,
        /// so the transcript never points at an expiring URL. The page's policy then allows data: images and nothing
        /// else. An image that cannot be had is a note in the page and one error. Not with -Redact: a screenshot may
        /// show what no rule can find, so the attachments are only named (a warning says so).</summary>
        [Parameter]
        public SwitchParameter IncludeImages { get; set; }

        private TranscriptImages? _images;

        private protected void WarnIfImagesIgnored(TranscriptFormat format)
        {
            if (IncludeImages && format != TranscriptFormat.Html)
                WriteWarning(Messages.ImagesHtmlOnly());
        }

        private protected TranscriptOptions TranscriptOptions => new TranscriptOptions
        {
            IncludeThinking = IncludeThinking,
            IncludeToolOutput = IncludeToolOutput,
            MaxToolOutputLength = MaxToolOutputLength,
            // No rule can redact pixels: with -Redact, attachments are named (redacted), never embedded.
            Images = IncludeImages && !Redacting ? (_images ??= new TranscriptImages(this)).Fetch : null,
        };

        private protected override ShownFields Shown => ShownFields.Transcript(IncludeThinking, IncludeToolOutput);

        /// <summary>The target for session <paramref name="sessionId"/>'s transcript, or null to skip it (the reason,
        /// if any, has been written). With -Redact, <paramref name="redaction"/> is the transcript's (its turns arrive
        /// redacted; its tally goes on the output).</summary>
        private protected abstract ITurnTarget? CreateTarget(string sessionId, SessionRedaction? redaction);

        /// <summary>The target, redacting when asked to.</summary>
        private ITurnTarget? TargetFor(string sessionId)
        {
            var redaction = NewRedaction();
            var target = CreateTarget(sessionId, redaction);
            return target == null || redaction == null ? target : new RedactingTarget(target, redaction, Commit);
        }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            BeginRedaction();
            if (IncludeImages && Redacting) WriteWarning(Redaction.Messages.ImagesNotEmbedded());
            _queue = new OrderedOutputQueue(this, ReadAhead, Messages.WritingTranscripts());
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == TurnSet || PipedTurn.Length > 0)
            {
                _queue!.WriteReady(all: true); // sessions given before these turns are written first
                foreach (var t in ParameterSetName == TurnSet ? Turn : PipedTurn)
                {
                    if (t == null) continue;
                    if (_pipedId == null || t.SessionId != _pipedId)
                    {
                        EndPiped();
                        _pipedId = t.SessionId;
                        _pipedTarget = TargetFor(t.SessionId);
                        _pipedTarget?.Begin(t.SessionId, null);
                    }
                    _pipedTarget?.Add(t);
                }
                return;
            }
            EndPiped();
            var sessions = ParameterSetName == SessionSet ? Session : PipedSession.Length > 0 ? PipedSession : null;
            if (!MyInvocation.ExpectingInput && _queue!.Total == null) _queue.Total = sessions?.Length ?? SessionId.Length;
            if (sessions != null)
            {
                foreach (var s in sessions)
                {
                    if (s == null) continue;
                    var target = TargetFor(s.SessionId);
                    if (target == null) continue;
                    _queue!.Add(s.EventCount != null // loaded, without building a lazy session's events
                        ? SessionTurns.FromLoaded(this, s, target)
                        : SessionTurns.FromStream(this, ApiFor(s), s.SessionId, s, withSummary: false, target));
                }
            }
            else
            {
                foreach (var id in SessionId)
                {
                    var target = TargetFor(id);
                    if (target != null) _queue!.Add(SessionTurns.FromStream(this, Api, id, null, withSummary: true, target));
                }
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            _queue?.WriteReady(all: true);
            EndPiped();
            EndRedaction("transcript");
        }

        /// <inheritdoc />
        private protected override void OnDisposing()
        {
            // Ctrl+C, or a downstream Select-Object -First, ends the command before EndProcessing: the transcript being
            // written from piped turns is incomplete, so it is not kept, and queued sessions are not written.
            _pipedTarget?.Abandon();
            _pipedTarget = null;
            _queue?.AbandonAll();
            base.OnDisposing();
        }

        private void EndPiped()
        {
            _pipedTarget?.End();
            _pipedTarget = null;
            _pipedId = null;
        }
    }
}
