package jp.sukedachi.ingest.parse.windows;

import java.util.HashMap;
import java.util.Map;

/**
 * The Windows field names Sigma rules use ({@code EventID}, {@code CommandLine}, {@code Image} …), as
 * shared constants. Every layout reports its fields under these names, so one rule matches evtx_dump,
 * Winlogbeat/HELK and Wazuh records alike, and {@code SecurityEvent.original()} hits reference
 * equality for the common ones.
 */
public final class WindowsNames {
    private WindowsNames() {
    }

    // System section (evtx_dump spelling; Sigma's windows pipelines use these).
    public static final String EVENT_ID = "EventID";
    public static final String CHANNEL = "Channel";
    public static final String PROVIDER_NAME = "Provider_Name";
    public static final String COMPUTER = "Computer";

    // EventData fields the ECS mapping reads.
    public static final String IMAGE = "Image";
    public static final String COMMAND_LINE = "CommandLine";
    public static final String PARENT_IMAGE = "ParentImage";
    public static final String PARENT_COMMAND_LINE = "ParentCommandLine";
    public static final String PROCESS_ID = "ProcessId";
    public static final String USER = "User";
    public static final String TARGET_USER_NAME = "TargetUserName";
    public static final String TARGET_DOMAIN_NAME = "TargetDomainName";
    public static final String SUBJECT_USER_NAME = "SubjectUserName";
    public static final String SUBJECT_DOMAIN_NAME = "SubjectDomainName";
    public static final String SOURCE_IP = "SourceIp";
    public static final String SOURCE_PORT = "SourcePort";
    public static final String DESTINATION_IP = "DestinationIp";
    public static final String DESTINATION_PORT = "DestinationPort";
    public static final String DESTINATION_HOSTNAME = "DestinationHostname";
    public static final String PROTOCOL = "Protocol";
    public static final String QUERY_NAME = "QueryName";
    public static final String TARGET_FILENAME = "TargetFilename";
    public static final String IMAGE_LOADED = "ImageLoaded";
    public static final String HASHES = "Hashes";
    public static final String HASH = "Hash";
    public static final String IP_ADDRESS = "IpAddress";
    public static final String IP_PORT = "IpPort";
    public static final String LOGON_TYPE = "LogonType";
    public static final String NEW_PROCESS_NAME = "NewProcessName";
    public static final String NEW_PROCESS_ID = "NewProcessId";
    public static final String PARENT_PROCESS_NAME = "ParentProcessName";
    public static final String PROCESS_NAME = "ProcessName";
    public static final String SOURCE_IMAGE = "SourceImage";
    public static final String SOURCE_PROCESS_ID = "SourceProcessId";
    public static final String SOURCE_ADDRESS = "SourceAddress";
    public static final String DEST_ADDRESS = "DestAddress";
    public static final String DEST_PORT = "DestPort";
    public static final String TARGET_OBJECT = "TargetObject";
    public static final String DETAILS = "Details";
    public static final String SCRIPT_BLOCK_TEXT = "ScriptBlockText";
    public static final String SERVICE_FILE_NAME = "ServiceFileName";
    public static final String IMAGE_PATH = "ImagePath";
    public static final String DATA = "Data";
    public static final String UTC_TIME = "UtcTime";

    /**
     * Further common EventData names, only so their strings are shared. Names not listed still work;
     * they just keep the spelling the record had.
     */
    private static final String[] MORE = {
        "ParentProcessId", "ParentProcessGuid", "ProcessGuid", "ParentUser", "CurrentDirectory", "IntegrityLevel",
        "LogonGuid", "LogonId", "TerminalSessionId", "FileVersion", "Description", "Product", "Company",
        "OriginalFileName", "RuleName", "CreationUtcTime", "PreviousCreationUtcTime", "EventType",
        "Initiated", "SourceIsIpv6", "SourceHostname", "SourcePortName", "DestinationIsIpv6", "DestinationPortName",
        "QueryStatus", "QueryResults", "Signed", "Signature", "SignatureStatus", "TargetImage", "TargetProcessId",
        "SourceProcessGUID", "TargetProcessGUID", "SourceProcessGuid", "TargetProcessGuid",
        "SourceThreadId", "GrantedAccess", "CallTrace", "StartAddress", "StartModule", "StartFunction", "NewThreadId",
        "PipeName", "Contents", "Archived", "IsExecutable", "NewName", "Configuration", "ConfigurationFileHash",
        "State", "Version", "SchemaVersion", "Operation", "EventNamespace", "Name", "Query", "Type", "Destination",
        "Consumer", "Filter", "Device", "SubjectUserSid", "SubjectLogonId", "TargetUserSid", "TargetLogonId",
        "TargetLinkedLogonId", "TargetSid", "LogonProcessName", "AuthenticationPackageName", "WorkstationName",
        "TransmittedServices", "LmPackageName", "KeyLength", "ImpersonationLevel", "RestrictedAdminMode",
        "TargetOutboundUserName", "TargetOutboundDomainName", "VirtualAccount", "ElevatedToken", "Status",
        "SubStatus", "FailureReason", "TokenElevationType", "MandatoryLabel", "PrivilegeList", "ObjectServer",
        "ObjectType", "ObjectName", "HandleId", "AccessList", "AccessMask", "AccessReason", "ServiceName",
        "ServiceType", "StartType", "ServiceStartType", "ServiceAccount", "AccountName", "TaskName", "TaskContent",
        "ShareName", "ShareLocalPath", "RelativeTargetName", "TicketEncryptionType", "TicketOptions",
        "ServiceSid", "SamAccountName", "DisplayName", "UserPrincipalName", "MemberName", "MemberSid",
        "ScriptBlockId", "MessageNumber", "MessageTotal", "Path", "ContextInfo", "Payload", "HostApplication",
        "Application", "Direction", "SourcePort", "LayerName", "FilterRTID", "ProcessID", "param1", "param2",
        "param3", "param4", "param5", "param6", "param7", "UserName", "AttributeLDAPDisplayName", "AttributeValue",
        "ObjectDN", "ObjectClass", "OperationType", "Properties", "AdditionalInfo", "CallerProcessName",
        "CallerProcessId", "ClientAddress", "ClientName", "SessionName", "AccountDomain", "LogonID",
    };

    /** Known name → its shared constant. Immutable once built. */
    private static final Map<String, String> KNOWN;
    /** Wazuh's lower-camel spelling (first letter lowered) → the Windows name. Immutable once built. */
    private static final Map<String, String> FROM_LOWER_CAMEL;

    static {
        String[] constants = {
            EVENT_ID, CHANNEL, PROVIDER_NAME, COMPUTER, IMAGE, COMMAND_LINE, PARENT_IMAGE, PARENT_COMMAND_LINE,
            PROCESS_ID, USER, TARGET_USER_NAME, TARGET_DOMAIN_NAME, SUBJECT_USER_NAME, SUBJECT_DOMAIN_NAME,
            SOURCE_IP, SOURCE_PORT, DESTINATION_IP, DESTINATION_PORT, DESTINATION_HOSTNAME, PROTOCOL, QUERY_NAME,
            TARGET_FILENAME, IMAGE_LOADED, HASHES, HASH, IP_ADDRESS, IP_PORT, LOGON_TYPE, NEW_PROCESS_NAME,
            NEW_PROCESS_ID, PARENT_PROCESS_NAME, PROCESS_NAME, SOURCE_IMAGE, SOURCE_PROCESS_ID, SOURCE_ADDRESS, DEST_ADDRESS, DEST_PORT,
            TARGET_OBJECT, DETAILS, SCRIPT_BLOCK_TEXT, SERVICE_FILE_NAME, IMAGE_PATH, DATA, UTC_TIME,
        };
        Map<String, String> known = new HashMap<>();
        Map<String, String> lower = new HashMap<>();
        for (String[] names : new String[][] {constants, MORE}) {
            for (String n : names) {
                String shared = known.computeIfAbsent(n, k -> k);
                lower.putIfAbsent(lowerFirst(shared), shared);
            }
        }
        // Wazuh spells a few differently from "lower the first letter".
        lower.put("processID", "ProcessID");
        KNOWN = Map.copyOf(known);
        FROM_LOWER_CAMEL = Map.copyOf(lower);
    }

    /** The shared constant for a known Windows field name, else the name itself. */
    public static String canonical(String name) {
        String known = KNOWN.get(name);
        return known == null ? name : known;
    }

    /**
     * The Windows name for a Wazuh eventdata key ({@code commandLine} → {@code CommandLine}), or null
     * when it is not a known one and the caller has to derive it with {@link #upperFirst}.
     */
    static String fromWazuhKnown(String wazuhName) {
        return FROM_LOWER_CAMEL.get(wazuhName);
    }

    /**
     * Wazuh lowers the first letter of every EventData name; Windows names start upper-case except the
     * positional {@code paramN} of classic System events, which Wazuh leaves as they are.
     */
    static String upperFirst(String wazuhName) {
        if (wazuhName.isEmpty() || wazuhName.startsWith("param") || !Character.isLowerCase(wazuhName.charAt(0))) {
            return wazuhName;
        }
        return Character.toUpperCase(wazuhName.charAt(0)) + wazuhName.substring(1);
    }

    private static String lowerFirst(String name) {
        if (name.isEmpty() || name.startsWith("param")) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
