using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Deletes LlamaCloud chat sessions. Asks for confirmation unless -Force or -Confirm:$false.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "LlamaChatSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = IdSet)]
    [OutputType(typeof(ChatSession), typeof(string))]
    public sealed class RemoveLlamaChatSessionCommand : SessionTargetCmdlet
    {
        /// <summary>Deletes without asking for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes each deleted session to the pipeline: the session object when one was piped, else its id.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == SessionSet || PipedSession.Length > 0)
            {
                foreach (var s in ParameterSetName == SessionSet ? Session : PipedSession)
                {
                    if (s == null) continue;
                    var label = Messages.SessionLabel(s.SessionId, s.GeneratedTitle);
                    if (Remove(s.SessionId, label, s) && PassThru) WriteObject(s);
                }
            }
            else
            {
                foreach (var id in Id)
                {
                    if (Remove(id, id, null) && PassThru) WriteObject(id);
                }
            }
        }

        private bool Remove(string id, string label, ChatSession? session)
        {
            if (!Approved(label)) return false;
            try
            {
                var api = session != null ? ApiFor(session) : Api;
                Await(api.DeleteSessionAsync(id, StopToken));
                return true;
            }
            catch (LlamaCloudException ex)
            {
                // One error for this id; the others are still removed.
                WriteRequestError(ex, id);
                return false;
            }
        }

        /// <summary>
        /// ShouldProcess, except that -Force skips the prompt: with -Force only -WhatIf (which prompts nothing) or an
        /// explicit -Confirm still goes through ShouldProcess.
        /// </summary>
        private bool Approved(string label)
        {
            var action = Messages.RemoveAction();
            if (!Force || Bound("Confirm")) return ShouldProcess(label, action);
            return !WhatIfRequested() || ShouldProcess(label, action);
        }

        private bool Bound(string name) =>
            MyInvocation.BoundParameters.TryGetValue(name, out var v) && LanguagePrimitives.IsTrue(v);

        private bool WhatIfRequested() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var v)
                ? LanguagePrimitives.IsTrue(v)
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
    }
}
