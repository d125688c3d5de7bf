using System;
using System.Collections;
using System.IO;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    // Why: PowerShell would turn any piped object into a string to bind it by value (a process becomes
    // "System.Diagnostics.Process (pwsh)", a file its path) and send a request for it; with this attribute such an object
    // is a binding error that says what the parameter takes, and nothing is sent. Strings (and GUIDs) are ids. An object
    // with a SessionId property (a session, turn or event, an Import-Csv row) is passed on unchanged, so that it binds to
    // the parameter that takes its type, or by its SessionId property. With AllowPathObjects, an object with a PSPath
    // property (Get-ChildItem's files) is passed on too, for the cmdlet's -LiteralPath.
    /// <summary>
    /// Takes session ids (strings or GUIDs) and objects that carry one (sessions, turns, events, rows with a SessionId);
    /// anything else is a binding error that says what the parameter takes, and nothing is sent.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SessionIdTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Pass objects with a PSPath property on (the cmdlet reads files through -LiteralPath).</summary>
        public bool AllowPathObjects { get; set; }

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PSValue.Unwrap(inputData);
            switch (value)
            {
                case null:
                    throw new ArgumentTransformationMetadataException(Messages.SessionIdNull());
                case string _:
                    return value;
                case Guid g:
                    return g.ToString();
                case IList list:
                    // -SessionId a, b (or -SessionId $sessions) on the command line: each element must be an id, or carry one.
                    var ids = new string[list.Count];
                    for (var i = 0; i < list.Count; i++) ids[i] = IdOf(list[i]);
                    return ids;
            }
            // Passed on only when the property holds an id: a process has a SessionId too (the Windows logon session's
            // number), which must not become a request for session "12".
            var carried = PropertyValue(inputData, "SessionId");
            if (carried is string || carried is Guid) return inputData;
            if (AllowPathObjects && PropertyValue(inputData, "PSPath") is string) return inputData;
            throw Refuse(value, inputData);
        }

        private static object? PropertyValue(object? value, string name) =>
            value == null ? null : PSValue.Unwrap(PSObject.AsPSObject(value).Properties[name]?.Value);

        private static string IdOf(object? element)
        {
            var value = PSValue.Unwrap(element);
            if (value is string s) return s;
            if (value is Guid g) return g.ToString();
            if (PropertyValue(value, "SessionId") is string id) return id;
            throw Refuse(value, element);
        }


        private static ArgumentTransformationMetadataException Refuse(object? value, object? wrapped)
        {
            if (value == null) return new ArgumentTransformationMetadataException(Messages.SessionIdNull());
            var message = value is FileSystemInfo file
                ? Messages.FileIsNoSessionId(file.Name)
                : Messages.NotASessionId(value.GetType().FullName ?? value.GetType().Name, PropertyValue(wrapped, "PSPath") is string);
            return new ArgumentTransformationMetadataException(message);
        }
    }
}
