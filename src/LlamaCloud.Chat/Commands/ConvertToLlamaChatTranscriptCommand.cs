using System.IO;
using System.Management.Automation;
using LlamaCloud.Chat.Redaction;
using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Turns chat sessions into readable transcripts (Markdown or self-contained HTML) and writes the text to the pipeline.</para>
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "LlamaChatTranscript", DefaultParameterSetName = SessionIdSet)]
    [OutputType(typeof(string))]
    public sealed class ConvertToLlamaChatTranscriptCommand : TranscriptCommandBase
    {
        /// <summary>Markdown (default) or Html.</summary>
        [Parameter]
        public TranscriptFormat Format { get; set; } = TranscriptFormat.Markdown;

        private protected override ITurnTarget? CreateTarget(string sessionId, SessionRedaction? redaction) => new TextTarget(this, redaction);

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            WarnIfImagesIgnored(Format);
            base.BeginProcessing();
        }

        /// <summary>One session's transcript, collected as text and written as one string.</summary>
        private sealed class TextTarget : ITurnTarget
        {
            private readonly ConvertToLlamaChatTranscriptCommand _cmd;
            private readonly StringWriter _text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
            private readonly TranscriptWriter _writer;
            private readonly SessionRedaction? _redaction;

            internal TextTarget(ConvertToLlamaChatTranscriptCommand cmd, SessionRedaction? redaction)
            {
                _cmd = cmd;
                _redaction = redaction;
                _writer = TranscriptWriter.Create(cmd.Format, _text, cmd.TranscriptOptions);
            }

            public void Begin(string sessionId, ChatSession? session) => _writer.Begin(sessionId, session);

            public void Add(ChatTurn turn) => _writer.Turn(turn);

            public void End()
            {
                _writer.End();
                // Redacted: the string carries the transcript's summary as its Redaction property.
                if (_redaction == null) _cmd.WriteObject(_text.ToString());
                else _cmd.WriteObject(WithRedaction(_text.ToString(), _redaction.Tally));
            }

            public void Abandon() { }
        }
    }
}
