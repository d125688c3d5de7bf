using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the images attached to chat tool results (page screenshots), each with a presigned download URL and its expiry.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LlamaChatAttachment", DefaultParameterSetName = InputSet)]
    [OutputType(typeof(ChatAttachment))]
    public sealed class GetLlamaChatAttachmentCommand : AttachmentCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => ForEachAttachment(a => WriteObject(a));
    }
}
