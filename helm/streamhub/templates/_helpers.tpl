{{/* Names: <release>-streamhub unless the release name already says it. */}}
{{- define "streamhub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "streamhub.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A component's object name. Call with (list $ "component"). */}}
{{- define "streamhub.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "streamhub.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels never change after install: a changed selector would orphan pods. */}}
{{- define "streamhub.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "streamhub.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "streamhub.labels" -}}
{{- $root := index . 0 -}}
{{ include "streamhub.selectorLabels" . }}
app.kubernetes.io/part-of: streamhub
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" }}
{{- with $root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* A service's image. Call with (list $ "hls-router"). */}}
{{- define "streamhub.image" -}}
{{- $root := index . 0 -}}
{{- $img := $root.Values.image -}}
{{- $tag := default $root.Chart.AppVersion $img.tag -}}
{{- if eq $img.flavor "native" }}{{ $tag = printf "%s-native" $tag }}{{ end -}}
{{- printf "%s/%s/%s:%s" $img.registry $img.repository (index . 1) $tag -}}
{{- end -}}

{{/*
The built-in Sentinel set's members as host:port, space-separated, pod 0 first: stable pod names
under the headless Service, so a member is the same name across restarts whatever its IP.
Call with (list $ port).
*/}}
{{- define "streamhub.redisMembers" -}}
{{- $root := index . 0 -}}
{{- $port := index . 1 -}}
{{- $s := $root.Values.redis.builtin.sentinel -}}
{{- $sts := include "streamhub.componentName" (list $root "redis") -}}
{{- $members := list -}}
{{- range $i := until (int $s.replicas) -}}
{{- $members = append $members (printf "%s-%d.%s-headless.%s.svc.%s:%v" $sts $i $sts $root.Release.Namespace $s.clusterDomain $port) -}}
{{- end -}}
{{- join " " $members -}}
{{- end -}}

{{/*
How every service reaches Redis (the built-in StatefulSet, an external URL or a Secret): REDIS_URL,
and through Sentinel the client type and the set's name.
*/}}
{{- define "streamhub.redisEnv" -}}
{{- if eq .Values.redis.mode "external" }}
{{- if .Values.redis.external.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.external.existingSecret }}
      key: {{ .Values.redis.external.existingSecretKey }}
{{- else }}
- name: REDIS_URL
  value: {{ required "redis.external.url or redis.external.existingSecret is required when redis.mode is external" .Values.redis.external.url | quote }}
{{- end }}
{{- if eq .Values.redis.external.topology "sentinel" }}
- name: REDIS_CLIENT_TYPE
  value: sentinel
- name: REDIS_MASTER_NAME
  value: {{ .Values.redis.external.masterName | quote }}
{{- end }}
{{- else if eq .Values.redis.builtin.topology "sentinel" }}
{{- $urls := list -}}
{{- range $m := splitList " " (include "streamhub.redisMembers" (list . 26379)) }}
{{- $urls = append $urls (printf "redis://%s" $m) -}}
{{- end }}
- name: REDIS_URL
  value: {{ join "," $urls | quote }}
- name: REDIS_CLIENT_TYPE
  value: sentinel
- name: REDIS_MASTER_NAME
  value: {{ .Values.redis.builtin.sentinel.masterName | quote }}
{{- else }}
- name: REDIS_URL
  value: {{ printf "redis://%s:6379" (include "streamhub.componentName" (list . "redis")) | quote }}
{{- end }}
{{- end -}}

{{/* The Quarkus health endpoints: started gates the other two, so a slow start is never killed. */}}
{{- define "streamhub.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: management
  periodSeconds: 2
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /q/health/live
    port: management
  periodSeconds: 10
  timeoutSeconds: 2
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: management
  periodSeconds: 5
  timeoutSeconds: 2
  failureThreshold: 3
{{- end -}}

{{/* Quarkus writes temp files (uploads, Vert.x) to /tmp; the root filesystem is read-only. */}}
{{- define "streamhub.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- end -}}

{{- define "streamhub.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/* Public URLs: explicit values win, else the ingress host. */}}
{{/* An entry point on the Gateway: HTTPS (the listener's TLS) on its first hostname; publicUrls.* overrides. */}}
{{- define "streamhub.gatewayUrl" -}}
{{- printf "https://%s" (first (.gateway.hostnames | default (list .ingress.host))) -}}
{{- end -}}

{{- define "streamhub.publicHlsUrl" -}}
{{- if .Values.publicUrls.hls -}}
{{- .Values.publicUrls.hls -}}
{{- else if eq .Values.router.expose "gateway" -}}
{{- include "streamhub.gatewayUrl" .Values.router -}}
{{- else if .Values.router.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.router.ingress.tls) 0)) .Values.router.ingress.host -}}
{{- else -}}
{{- printf "http://%s:%d" (include "streamhub.routerPublicService" .) (int .Values.router.port) -}}
{{- end -}}
{{- end -}}

{{- define "streamhub.publicConfigUrl" -}}
{{- if .Values.publicUrls.config -}}
{{- .Values.publicUrls.config -}}
{{- else if eq .Values.configService.expose "gateway" -}}
{{- include "streamhub.gatewayUrl" .Values.configService -}}
{{- else if .Values.configService.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.configService.ingress.tls) 0)) .Values.configService.ingress.host -}}
{{- else -}}
{{- printf "http://%s:%d" (include "streamhub.componentName" (list . "config-service")) (int .Values.configService.port) -}}
{{- end -}}
{{- end -}}

{{- define "streamhub.publicTrackerUrl" -}}
{{- if .Values.publicUrls.tracker -}}
{{- .Values.publicUrls.tracker -}}
{{- else if .Values.tracker.ingress.enabled -}}
{{- printf "%s://%s/announce" (ternary "wss" "ws" (gt (len .Values.tracker.ingress.tls) 0)) .Values.tracker.ingress.host -}}
{{- else -}}
{{- printf "ws://%s:%d/announce" (include "streamhub.componentName" (list . "p2p-tracker")) (int .Values.tracker.wsPort) -}}
{{- end -}}
{{- end -}}

{{/* The router Service the CDN (ingress) and edges talk to. */}}
{{- define "streamhub.routerPublicService" -}}
{{- if eq .Values.router.mode "all-in-one" -}}
{{- include "streamhub.componentName" (list . "router") -}}
{{- else -}}
{{- include "streamhub.componentName" (list . "router-master") -}}
{{- end -}}
{{- end -}}

{{/* An Ingress routing a host's public paths to one Service; the management endpoints (/q/health, /q/metrics) stay inside the cluster. Call with (dict "root" $ "component" "x" "service" "svc" "paths" (list "/hls") "ingress" .Values.x.ingress). */}}
{{- define "streamhub.ingress" -}}
{{- $root := .root -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "streamhub.componentName" (list $root .component) }}
  labels:
    {{- include "streamhub.labels" (list $root .component) | nindent 4 }}
  {{- with .ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with .ingress.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- with .ingress.tls }}
  tls:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  rules:
    - host: {{ .ingress.host | quote }}
      http:
        paths:
          {{- range .paths }}
          - path: {{ . }}
            pathType: Prefix
            backend:
              service:
                name: {{ $.service }}
                port:
                  name: {{ $.portName | default "http" }}
          {{- end }}
{{- end -}}

{{/* A PodDisruptionBudget. Call with (dict "root" $ "component" "x" "pdb" .Values.x.pdb). */}}
{{- define "streamhub.pdb" -}}
{{- $root := .root -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "streamhub.componentName" (list $root .component) }}
  labels:
    {{- include "streamhub.labels" (list $root .component) | nindent 4 }}
spec:
  minAvailable: {{ .pdb.minAvailable }}
  selector:
    matchLabels:
      {{- include "streamhub.selectorLabels" (list $root .component) | nindent 6 }}
{{- end -}}

{{/* A CPU HorizontalPodAutoscaler. Call with (dict "root" $ "component" "x" "hpa" .Values.x.autoscaling). */}}
{{- define "streamhub.hpa" -}}
{{- $root := .root -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "streamhub.componentName" (list $root .component) }}
  labels:
    {{- include "streamhub.labels" (list $root .component) | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "streamhub.componentName" (list $root .component) }}
  minReplicas: {{ .hpa.minReplicas }}
  maxReplicas: {{ .hpa.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .hpa.targetCPUUtilizationPercentage }}
{{- end -}}

{{/* A ClusterIP Service. Call with (dict "root" $ "component" "x" "port" 8080). */}}
{{- define "streamhub.service" -}}
{{- $root := .root -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "streamhub.componentName" (list $root .component) }}
  labels:
    {{- include "streamhub.labels" (list $root .component) | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "streamhub.selectorLabels" (list $root .component) | nindent 4 }}
  ports:
    - name: http
      port: {{ .port }}
      targetPort: http
      protocol: TCP
    - name: management
      port: {{ $root.Values.managementPort }}
      targetPort: management
      protocol: TCP
    {{- with .wsPort }}
    - name: ws
      port: {{ . }}
      targetPort: ws
      protocol: TCP
    {{- end }}
{{- end -}}

{{/* Every running component with its port, for ServiceMonitors and NetworkPolicies. Yields YAML: a map name → {port, public}. */}}
{{- define "streamhub.components" -}}
{{- if eq .Values.router.mode "all-in-one" }}
router: {port: {{ .Values.router.port }}, public: true}
{{- else }}
router-origin: {port: {{ .Values.router.port }}, public: false}
router-master: {port: {{ .Values.router.port }}, public: true}
{{- end }}
{{- if .Values.router.edge.enabled }}
router-edge: {port: {{ .Values.router.port }}, public: true}
{{- end }}
config-service: {port: {{ .Values.configService.port }}, public: true}
egress-orchestrator: {port: {{ .Values.orchestrator.port }}, public: false}
{{- if .Values.tracker.enabled }}
p2p-tracker: {port: {{ .Values.tracker.port }}, public: true, ws: true}
{{- end }}
{{- end -}}

{{- define "streamhub.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "streamhub.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* What every service container gets: how to reach Redis, and the log format. */}}
{{- define "streamhub.serviceEnv" -}}
{{ include "streamhub.redisEnv" . | trim }}
- name: LOG_JSON
  value: {{ .Values.logging.json | quote }}
- name: MANAGEMENT_PORT
  value: {{ .Values.managementPort | quote }}
{{- end -}}

{{/*
A Gateway API HTTPRoute for a public entry point (expose: gateway): the given path prefixes to the
component's Service. TLS is the Gateway's: attach to an HTTPS listener with parentRefs' sectionName.
Call with (dict "root" $ "component" "x" "service" "name" "v" .Values.x "paths" (list "/a")).
*/}}
{{- define "streamhub.httpRoute" -}}
{{- $root := .root -}}
{{- $v := .v -}}
{{- if not $v.gateway.parentRefs }}
{{- fail (printf "%s: expose=gateway needs gateway.parentRefs, the Gateway the route attaches to" .component) }}
{{- end }}
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: {{ include "streamhub.componentName" (list $root .component) }}
  labels:
    {{- include "streamhub.labels" (list $root .component) | nindent 4 }}
spec:
  parentRefs:
    {{- toYaml $v.gateway.parentRefs | nindent 4 }}
  hostnames:
    {{- toYaml ($v.gateway.hostnames | default (list $v.ingress.host)) | nindent 4 }}
  rules:
    - matches:
        {{- range .paths }}
        - path:
            type: PathPrefix
            value: {{ . }}
        {{- end }}
      backendRefs:
        - name: {{ .service }}
          port: {{ .port }}
{{- end -}}

{{/*
Origin protection on the CDN's origin (role master or all-in-one): the token from
router.originProtection.existingSecret, and the allowed ranges. An edge gets the same token as
ROUTER_UPSTREAM_TOKEN, to pass the master it pulls from. Call with (list $ role).
*/}}
{{- define "streamhub.originProtectionEnv" -}}
{{- $root := index . 0 -}}
{{- $role := index . 1 -}}
{{- $p := $root.Values.router.originProtection -}}
{{- $toEdge := and (eq $role "edge") (not $root.Values.router.edge.upstreamUrl) -}}
{{- if and (eq $role "edge") (not $toEdge) -}}
{{- /* an edge in front of some other upstream never sends the master's token there */ -}}
{{- else }}
{{- if $p.existingSecret }}
- name: {{ ternary "ROUTER_UPSTREAM_TOKEN" "ROUTER_PROTECTION_TOKEN" (eq $role "edge") }}
  valueFrom:
    secretKeyRef:
      name: {{ $p.existingSecret }}
      key: {{ $p.secretKey }}
{{- end }}
{{- if or $p.existingSecret $p.allowedCidrs }}
- name: ROUTER_PROTECTION_HEADER
  value: {{ $p.header | quote }}
{{- end }}
{{- if and $p.allowedCidrs (ne $role "edge") }}
- name: ROUTER_PROTECTION_ALLOWED_CIDRS
  value: {{ join "," $p.allowedCidrs | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The management interface's port (health, metrics): a container port beside http. */}}
{{- define "streamhub.managementPort" -}}
- name: management
  containerPort: {{ .Values.managementPort }}
  protocol: TCP
{{- end -}}

{{/*
What config-service shows the world: the player, the playback and app API (player stats
included), estimates and the schema. /api/status and /api/reload (the admin API) are left out:
only the namespace reaches them, through the Service.
*/}}
{{- define "streamhub.configPublicPaths" -}}
[/play, /player, /api/apps, /api/estimate, /schema]
{{- end -}}
