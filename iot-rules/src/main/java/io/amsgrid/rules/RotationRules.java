package io.amsgrid.rules;

/**
 * Certificate rotation through the cloud, on topics that carry the thing name (so the device policy
 * can pin them to {@code ${iot:Connection.Thing.ThingName}}):
 * <ul>
 *   <li>the gateway publishes {@code {"requestId": R, "csr": PEM}} on {@code amsgrid/rotation/<thing>/csr};</li>
 *   <li>the rule {@value #RULE_NAME} adds who sent it and invokes the rotation handler with
 * <pre>
 * {
 *   "requestId": "rot-1a2b3c4d",        -- from the payload (SELECT *)
 *   "csr":       "-----BEGIN CERTIFICATE REQUEST-----...",
 *   "thingName": "gw-0001",             -- topic(3)
 *   "principal": "9f86d0...",           -- principal(): the certificate id of the connection
 *   "clientId":  "gw-0001"              -- clientid(): the MQTT client id of the connection
 * }
 * </pre></li>
 *   <li>the handler answers on {@code amsgrid/rotation/<thing>/certificate} with
 *       {@code {requestId, certificateId, certificatePem}} or {@code {requestId, error: {code, message}}}.</li>
 * </ul>
 */
public final class RotationRules {
    public static final String RULE_NAME = "amsgrid_rotation";
    public static final String HANDLER = "io.amsgrid.lambdas.rotation.RotationHandler::handleRequest";
    public static final String TOPIC_ROOT = "amsgrid/rotation";
    public static final String CSR_TOPIC_FILTER = TOPIC_ROOT + "/+/csr";

    /** Event fields (payload fields and SELECT aliases). */
    public static final String FIELD_REQUEST_ID = "requestId";
    public static final String FIELD_CSR = "csr";
    public static final String FIELD_THING = "thingName";
    public static final String FIELD_PRINCIPAL = "principal";
    public static final String FIELD_CLIENT_ID = "clientId";

    /** The rule SQL. */
    public static final String SQL = "SELECT *, topic(3) AS " + FIELD_THING + ", principal() AS " + FIELD_PRINCIPAL
            + ", clientid() AS " + FIELD_CLIENT_ID + " FROM '" + CSR_TOPIC_FILTER + "'";

    private RotationRules() {
    }

    public static RotationRule rule() {
        return new RotationRule(RULE_NAME, CSR_TOPIC_FILTER, SQL, HANDLER);
    }

    /** Where {@code thing} sends its CSR. */
    public static String csrTopic(String thing) {
        return TOPIC_ROOT + "/" + thing + "/csr";
    }

    /** Where {@code thing} gets its answer. */
    public static String answerTopic(String thing) {
        return TOPIC_ROOT + "/" + thing + "/certificate";
    }
}
