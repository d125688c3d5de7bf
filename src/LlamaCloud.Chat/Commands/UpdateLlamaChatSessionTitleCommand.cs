using System;
using System.Linq;
using System.Management.Automation;
using LlamaCloud.Chat.Api;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Has LlamaCloud generate a session's title from its first user message, and returns the updated session.</para>
    /// </summary>
    [Cmdlet(VerbsData.Update, "LlamaChatSessionTitle", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low,
        DefaultParameterSetName = IdSet)]
    [OutputType(typeof(ChatSession))]
    public sealed class UpdateLlamaChatSessionTitleCommand : SessionTargetCmdlet
    {
        /// <summary>The text the title is generated from. Without it, the session's first user message (its first
        /// user_input event) is read and sent; a session without one is an error.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? FirstMessage { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == SessionSet || PipedSession.Length > 0)
            {
                foreach (var s in ParameterSetName == SessionSet ? Session : PipedSession)
                {
                    if (s != null) Retitle(s.SessionId, ApiFor(s), s);
                }
                return;
            }
            foreach (var id in Id) Retitle(id, Api, null);
        }

        private void Retitle(string id, ChatApi api, ChatSession? session)
        {
            if (!ShouldProcess(Messages.SessionTarget(id), Messages.GenerateTitleAction())) return;
            try
            {
                var message = FirstMessage;
                if (message == null)
                {
                    // A loaded history already holds it; otherwise the history is read only up to its first prompt.
                    message = session?.EnumerateEvents() is { } loaded
                        ? loaded.OfType<UserInputEvent>().FirstOrDefault()?.Content
                        : Await(api.FirstUserInputAsync(id, StopToken));
                    if (string.IsNullOrEmpty(message))
                    {
                        WriteError(ErrorRecords.From(new LlamaCloudException(
                            Messages.NoTitleMessage(id),
                            ErrorIds.TitleMessageMissing, ErrorCategory.InvalidOperation) { SessionId = id }, id));
                        return;
                    }
                    WriteVerbose(Messages.TitleFrom(id, message!));
                }
                WriteObject(Await(api.SetTitleAsync(id, message!, StopToken)));
            }
            catch (LlamaCloudException ex)
            {
                WriteRequestError(ex, id);
            }
        }
    }
}
