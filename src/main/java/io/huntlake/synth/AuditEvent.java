package io.huntlake.synth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One API-server audit event as the generator builds it, before it is written in any archive
 * format. Field names follow audit.k8s.io/v1 Event.
 */
record AuditEvent(
    Instant received,
    Instant completed,
    String auditId,
    String level,
    String stage,
    String verb,
    String requestUri,
    String userName,
    List<String> groups,
    String impersonatedUser,
    String sourceIp,
    String userAgent,
    String resource,
    String subresource,
    String namespace,
    String name,
    String apiGroup,
    String apiVersion,
    int code,
    String decision,
    String authorizationReason,
    Map<String, Object> requestObject,
    Map<String, Object> responseObject) {

  /** The same request with another stage (watches log ResponseStarted and ResponseComplete). */
  AuditEvent atStage(String newStage, Instant stageTime) {
    return new AuditEvent(
        received,
        stageTime,
        auditId,
        level,
        newStage,
        verb,
        requestUri,
        userName,
        groups,
        impersonatedUser,
        sourceIp,
        userAgent,
        resource,
        subresource,
        namespace,
        name,
        apiGroup,
        apiVersion,
        code,
        decision,
        authorizationReason,
        requestObject,
        responseObject);
  }

  AuditEvent withImpersonation(String impersonated) {
    return new AuditEvent(
        received,
        completed,
        auditId,
        level,
        stage,
        verb,
        requestUri,
        userName,
        groups,
        impersonated,
        sourceIp,
        userAgent,
        resource,
        subresource,
        namespace,
        name,
        apiGroup,
        apiVersion,
        code,
        decision,
        authorizationReason,
        requestObject,
        responseObject);
  }
}
