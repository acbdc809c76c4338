# Build a static carebot binary, then run it on a minimal image as non-root.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /carebot .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /carebot /carebot
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/carebot"]
CMD ["serve"]
