{{/* A router Deployment in a caching role (master or edge). Call with (dict "root" $ "component" "router-master" "role" "master" "v" .Values.router.master "upstream" ""). */}}
{{- define "streamhub.routerCacheDeployment" -}}
{{- $root := .root -}}
{{- $v := .v -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "streamhub.componentName" (list $root .component) }}
  labels:
    {{- include "streamhub.labels" (list $root .component) | nindent 4 }}
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "streamhub.selectorLabels" (list $root .component) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "streamhub.labels" (list $root .component) | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/router-configmap.yaml") $root | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      serviceAccountName: {{ include "streamhub.serviceAccountName" $root }}
      automountServiceAccountToken: false
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      # Spread replicas so one node's loss does not take the whole origin tier.
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "streamhub.selectorLabels" (list $root .component) | nindent 14 }}
      containers:
        - name: hls-router
          image: {{ include "streamhub.image" (list $root "hls-router") }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $root.Values.router.port }}
              protocol: TCP
            {{- include "streamhub.managementPort" $root | nindent 12 }}
          envFrom:
            - configMapRef:
                name: {{ include "streamhub.componentName" (list $root "router-env") }}
          env:
            - name: ROUTER_ROLE
              value: {{ .role }}
            - name: ROUTER_PROXY_CACHE_MAX_BYTES
              value: {{ $v.cache.maxBytes | int64 | quote }}
            {{- with .upstream }}
            - name: ROUTER_UPSTREAM_URL
              value: {{ . | quote }}
            {{- end }}
            {{- include "streamhub.serviceEnv" $root | trim | nindent 12 }}
            {{- with include "streamhub.originProtectionEnv" (list $root .role) | trim }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- include "streamhub.probes" $root | nindent 10 }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            {{- include "streamhub.tmpMount" $root | nindent 12 }}
            - name: cache
              mountPath: /cache
      volumes:
        {{- include "streamhub.tmpVolume" $root | nindent 8 }}
        - name: cache
          emptyDir:
            {{- with $v.cache.medium }}
            medium: {{ . }}
            {{- end }}
            sizeLimit: {{ $v.cache.sizeLimit }}
{{- end -}}
