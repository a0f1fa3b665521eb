import RTKQLJSON
/// The `config`, `permissions` and `ui` of the demo presets: every property the preset schema requires.
enum PresetTemplate {
    /// `permissions.plugins.config`: the published schema declares it a uuid string (with object properties
    /// beside the type, which a string cannot have); the sandbox follows the type.
    static let pluginConfigID = "00000000-0000-4000-8000-0000000000aa"

    /// A preset document for a view type; hosts may do everything, others join and talk.
    static func document(viewType: String, host: Bool) -> JSONValue {
        let produce = host || viewType == "GROUP_CALL" ? "ALLOWED" : "CAN_REQUEST"
        let text = """
        {"config":{"view_type":"\(viewType)","max_video_streams":{"desktop":\(viewType == "WEBINAR" ? 6 : 9),"mobile":4},\
        "max_screenshare_count":1,"media":{"audio":{"enable_high_bitrate":false,"enable_stereo":false},\
        "video":{"quality":"hd","frame_rate":30},"screenshare":{"quality":"hd","frame_rate":5}}},\
        "permissions":{"accept_waiting_requests":\(host),"can_accept_production_requests":\(host),\
        "can_change_participant_permissions":\(host),"can_edit_display_name":true,"can_livestream":\(host),\
        "can_record":\(host),"can_spotlight":\(host),\
        "chat":{"private":{"can_receive":true,"can_send":true,"files":true,"text":true},\
        "public":{"can_send":true,"files":true,"text":true}},\
        "connected_meetings":{"can_alter_connected_meetings":\(host),"can_switch_connected_meetings":\(host),\
        "can_switch_to_parent_meeting":\(host)},"disable_participant_audio":\(host),\
        "disable_participant_screensharing":\(host),"disable_participant_video":\(host),"hidden_participant":false,\
        "is_recorder":false,"kick_participant":\(host),\
        "media":{"audio":{"can_produce":"\(produce)"},"screenshare":{"can_produce":"\(produce)"},\
        "video":{"can_produce":"\(produce)"}},"pin_participant":\(host),\
        "plugins":{"can_close":\(host),"can_edit_config":\(host),"can_start":\(host),\
        "config":"\(pluginConfigID)"},\
        "polls":{"can_create":\(host),"can_view":true,"can_vote":true},"recorder_type":"NONE",\
        "show_participant_list":true,"waiting_room_type":"\(host ? "SKIP" : "ON_PRIVILEGED_USER_ENTRY")"},\
        "ui":{"design_tokens":{"border_radius":"rounded","border_width":"thin","colors":{\
        "background":{"600":"#222222","700":"#1f1f1f","800":"#1b1b1b","900":"#181818","1000":"#141414"},\
        "brand":{"300":"#844d1c","400":"#9d5b22","500":"#b56927","600":"#d37c30","700":"#d9904f"},\
        "danger":"#FF2D2D","success":"#62A504","text":"#EEEEEE","text_on_brand":"#EEEEEE","video_bg":"#191919",\
        "warning":"#FFCD07"},"logo":"https://assets.sandbox.invalid/logo.svg","spacing_base":4,"theme":"dark"},\
        "config_diff":{}}}
        """
        // The literal is valid JSON by construction (tested in ServiceDataTests).
        return (try? JSONValue.parseRequest(Array(text.utf8))) ?? .object([])
    }
}
