using System.Text.Json.Serialization;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Events;

/// <summary>Source-generated JSON metadata for the pages of <c>GET /events</c>.</summary>
[JsonSerializable(typeof(WorkOSList<WorkOSEvent>))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
