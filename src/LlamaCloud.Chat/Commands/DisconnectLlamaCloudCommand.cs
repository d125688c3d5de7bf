using System.Management.Automation;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Forgets the connection Connect-LlamaCloud remembered.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "LlamaCloud")]
    [OutputType(typeof(void))]
    public sealed class DisconnectLlamaCloudCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (LlamaCloudConnection.Current == null) WriteVerbose(Messages.NotConnected());
            LlamaCloudConnection.Current = null;
        }
    }
}
