using System.Text.Json.Serialization;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>Source-generated JSON metadata for webhook envelopes and the event data types handlers can ask for.</summary>
[JsonSerializable(typeof(WorkOSEvent))]
[JsonSerializable(typeof(WorkOSSessionEventData))]
[JsonSerializable(typeof(WorkOSUser))]
[JsonSerializable(typeof(WorkOSOrganizationMembershipEventData))]
[JsonSerializable(typeof(WorkOSOrganizationEventData))]
[JsonSerializable(typeof(WorkOSDirectoryUserEventData))]
[JsonSerializable(typeof(WorkOSRoleEventData))]
[JsonSerializable(typeof(WorkOSInvitationEventData))]
[JsonSerializable(typeof(WorkOSAuthenticationEventData))]
[JsonSerializable(typeof(WorkOSConnectionEventData))]
[JsonSerializable(typeof(WorkOSDirectoryGroupEventData))]
[JsonSerializable(typeof(WorkOSDirectoryGroupMembershipEventData))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
