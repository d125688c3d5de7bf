using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a LlamaCloud chat session, optionally bound to indexes.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "LlamaChatSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ChatSession))]
    public sealed class NewLlamaChatSessionCommand : LlamaCloudCmdlet
    {
        /// <summary>The ids of the indexes the session may query (1 to 10). Without it the session is unbound.
        /// The API locks them once the first message is sent.</summary>
        [Parameter(Position = 0)]
        [ValidateCount(1, 10)]
        [ValidateNotNullOrEmpty]
        public string[]? IndexId { get; set; }

        /// <summary>What the session's share link grants: Query (viewers may ask new questions) or ReadOnly (the
        /// transcript only). Without it nothing is sent and the deployment's default applies.</summary>
        [Parameter]
        public ChatSharedAccess SharedAccess { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string? shared = MyInvocation.BoundParameters.ContainsKey(nameof(SharedAccess)) ? SharedAccessWire(SharedAccess) : null;
            if (!ShouldProcess(Messages.NewSessionTarget(IndexId, shared), Messages.CreateAction())) return;
            try
            {
                WriteObject(Await(Api.CreateSessionAsync(IndexId, shared, StopToken)));
            }
            catch (LlamaCloudException ex)
            {
                WriteRequestError(ex, IndexId);
            }
        }

        private static string SharedAccessWire(ChatSharedAccess value) => value == ChatSharedAccess.ReadOnly ? "read_only" : "query";
    }
}
