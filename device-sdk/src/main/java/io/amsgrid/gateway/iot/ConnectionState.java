package io.amsgrid.gateway.iot;

/** The gateway's connection to AWS IoT Core, as shown on the status line. */
public enum ConnectionState { CONNECTING, CONNECTED, DISCONNECTED, STOPPED }
